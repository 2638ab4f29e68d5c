/** Evaluation catalog, part C: travel, home, health, media, learning and utilities. */
import type { DomainSpec } from './catalog-types.js';

export const CATALOG_C: DomainSpec[] = [
  {
    domain: 'flights',
    providers: ['Skyscanner', 'Amadeus', 'Kiwi', 'Google Flights', 'Duffel'],
    ops: [
      {
        op: 'search_flights',
        desc: ['Search flights between airports on dates with prices', 'Find airline tickets and fares for a route'],
        params: { from: 'Origin airport', to: 'Destination airport', date: 'Date' },
        asks: ['Find me a cheap flight from {airport} to {airport2} on {date}', 'Flights to {city} next Friday?'],
      },
      {
        op: 'flight_status',
        desc: ['Live status of a flight: delays, gate, departure time', 'Is a flight on time? Real-time flight tracking'],
        params: { flight: 'Flight number' },
        asks: ['Is flight {flight} delayed?', 'Which gate does {flight} leave from?'],
      },
    ],
  },
  {
    domain: 'hotels',
    providers: ['Booking.com', 'Expedia', 'Airbnb', 'Hotels.com', 'Agoda'],
    ops: [
      {
        op: 'search_stays',
        desc: ['Search hotels or rentals in a city for dates and guests', 'Find accommodation with price per night and rating'],
        params: { city: 'City', checkin: 'Check-in', checkout: 'Check-out' },
        asks: ['Find a hotel in {city} for 3 nights', 'Somewhere to stay in {city} under 100 a night'],
      },
      {
        op: 'my_bookings',
        desc: ['List my upcoming reservations and booking confirmations', 'Show booked stays with dates and addresses'],
        params: {},
        asks: ['What is the address of the hotel I booked?', 'Show my upcoming hotel reservations'],
      },
    ],
  },
  {
    domain: 'transit',
    providers: ['Transit App', 'Citymapper', 'Deutsche Bahn', 'SNCF', 'Trainline', 'Moovit'],
    ops: [
      {
        op: 'plan_trip',
        desc: ['Public transport directions between two places with departures', 'Route by train, bus and metro with transfers'],
        params: { from: 'From', to: 'To', time: 'Departure' },
        asks: ['How do I get from {city} station to the airport by public transport?', 'Next train from {city} to {city2}?'],
      },
      {
        op: 'departures',
        desc: ['Next departures at a stop or station', 'Live departure board for a station'],
        params: { stop: 'Stop or station' },
        asks: ['When is the next bus at my stop?', 'Departure board {city} central station'],
      },
    ],
  },
  {
    domain: 'ride_hailing',
    providers: ['Uber', 'Lyft', 'Bolt', 'FreeNow'],
    ops: [
      {
        op: 'request_ride',
        desc: ['Request a ride / taxi from pickup to destination', 'Book a car to take me somewhere'],
        params: { pickup: 'Pickup', destination: 'Destination' },
        asks: ['Get me a taxi to the airport', 'Book a ride home'],
      },
      {
        op: 'ride_estimate',
        desc: ['Estimate fare and pickup time for a ride', 'How much a trip would cost'],
        params: { pickup: 'Pickup', destination: 'Destination' },
        asks: ['How much is a cab from {city} center to the airport?', 'Price estimate for a ride to the stadium'],
      },
    ],
  },
  {
    domain: 'maps',
    providers: ['Google Maps', 'Mapbox', 'HERE', 'OpenStreetMap Nominatim', 'TomTom'],
    ops: [
      {
        op: 'geocode',
        desc: ['Convert an address to latitude/longitude coordinates', 'Geocoding: find coordinates of a place'],
        params: { address: 'Address' },
        asks: ['What are the coordinates of the Eiffel Tower?', 'Geocode this address: {address}'],
      },
      {
        op: 'driving_directions',
        desc: ['Driving route with distance and travel time, traffic aware', 'Directions by car between two addresses'],
        params: { from: 'From', to: 'To' },
        asks: ['How long is the drive from {city} to {city2}?', 'Directions by car to {address}'],
      },
      {
        op: 'nearby_places',
        desc: ['Points of interest near a location (pharmacies, ATMs, gas stations)', 'Find nearby businesses of a type'],
        params: { location: 'Location', type: 'Type' },
        asks: ['Is there a pharmacy open near me?', 'Nearest gas station'],
      },
    ],
  },
  {
    domain: 'smart_home',
    providers: ['Philips Hue', 'Home Assistant', 'SmartThings', 'Nest', 'Ecobee', 'TP-Link Kasa'],
    ops: [
      {
        op: 'set_lights',
        desc: ['Turn lights on or off and set brightness and color', 'Control smart bulbs in a room'],
        params: { room: 'Room', on: 'On/off', brightness: 'Brightness' },
        asks: ['Turn off the living room lights', 'Dim the bedroom lamps to 30%'],
      },
      {
        op: 'set_thermostat',
        desc: ['Set the thermostat target temperature and mode', 'Change heating or cooling temperature'],
        params: { temperature: 'Target temperature' },
        asks: ['Set the heating to 21 degrees', 'Make it cooler in the house'],
      },
      {
        op: 'device_status',
        desc: ['Status of smart home devices and sensors (doors, locks, temperature)', 'Is the front door locked? Read device states'],
        params: { device: 'Device' },
        asks: ['Is the front door locked?', 'What temperature is it inside the house?'],
      },
    ],
  },
  {
    domain: 'energy',
    providers: ['Octopus Energy', 'Tibber', 'Enphase', 'Tesla Powerwall', 'SolarEdge'],
    ops: [
      {
        op: 'energy_usage',
        desc: ['Household electricity consumption by hour or day', 'How much power the home used and what it cost'],
        params: { from: 'From', to: 'To' },
        asks: ['How much electricity did we use yesterday?', 'What did our power consumption cost this week?'],
      },
      {
        op: 'solar_production',
        desc: ['Solar panel production today and battery charge level', 'Energy generated by the PV system'],
        params: { day: 'Day' },
        asks: ['How much did my solar panels produce today?', 'Is the home battery full?'],
      },
      {
        op: 'electricity_price',
        desc: ['Current and upcoming electricity tariff prices per kWh', 'Dynamic power price for the next hours'],
        params: {},
        asks: ['When is electricity cheapest tonight?', 'Current price per kWh'],
      },
    ],
  },
  {
    domain: 'fitness',
    providers: ['Strava', 'Garmin Connect', 'Fitbit', 'Apple Health', 'Oura', 'Whoop'],
    ops: [
      {
        op: 'recent_workouts',
        desc: ['Recent workouts and activities: runs, rides, distance, pace', 'Activity log of exercise sessions'],
        params: { limit: 'How many' },
        asks: ['How far did I run this week?', 'Show my last bike rides'],
      },
      {
        op: 'sleep_summary',
        desc: ['Sleep duration, stages and sleep score for last night', 'How well did I sleep'],
        params: { date: 'Night' },
        asks: ['How did I sleep last night?', 'My sleep score this week'],
      },
      {
        op: 'heart_rate',
        desc: ['Heart rate, resting heart rate and HRV over a period', 'Pulse data from the wearable'],
        params: { from: 'From' },
        asks: ['What is my resting heart rate lately?', 'Show my HRV trend'],
      },
      {
        op: 'step_count',
        desc: ['Daily step count and active minutes', 'How many steps I walked'],
        params: { date: 'Day' },
        asks: ['How many steps did I do today?', 'Did I hit 10k steps yesterday?'],
      },
    ],
  },
  {
    domain: 'doctor',
    providers: ['Zocdoc', 'Doctolib', 'MyChart', 'Practo'],
    ops: [
      {
        op: 'book_appointment',
        desc: ['Book a doctor appointment by specialty and time', 'Find and schedule a visit with a physician'],
        params: { specialty: 'Specialty', date: 'Date' },
        asks: ['Book me a dermatologist appointment next week', 'I need to see a doctor about my knee'],
      },
    ],
  },
  {
    domain: 'medication',
    providers: ['Medisafe', 'MyTherapy', 'CareZone'],
    ops: [
      {
        op: 'medication_reminders',
        desc: ['Medication schedule and reminders for pills', 'Which medicines to take when'],
        params: {},
        asks: ['Did I take my pills today?', 'Remind me of my medication schedule'],
      },
    ],
  },
  {
    domain: 'pharmacy',
    providers: ['GoodRx', 'SingleCare', 'Cost Plus Drugs'],
    ops: [
      {
        op: 'drug_prices',
        desc: ['Compare prescription drug prices at pharmacies', 'Find discounts on a medication'],
        params: { drug: 'Drug' },
        asks: ['Where is {drug} cheapest?', 'Price of my {drug} prescription'],
      },
    ],
  },
  {
    domain: 'music',
    providers: ['Spotify', 'Apple Music', 'Deezer', 'YouTube Music', 'Tidal', 'SoundCloud'],
    ops: [
      {
        op: 'play_music',
        desc: ['Play a song, album, artist or playlist', 'Start music playback on the active device'],
        params: { query: 'What to play' },
        asks: ['Play some {artist}', 'Put on a relaxing playlist', 'Play the song Bohemian Rhapsody'],
      },
      {
        op: 'create_playlist',
        desc: ['Create a playlist and add tracks to it', 'Make a new playlist from songs'],
        params: { name: 'Name', tracks: 'Tracks' },
        asks: ['Make a workout playlist with upbeat songs', 'Create a playlist called road trip'],
      },
      {
        op: 'recently_played',
        desc: ['Recently played tracks and listening history', 'What I listened to lately'],
        params: { limit: 'How many' },
        asks: ['What was that song I listened to this morning?', 'Show my listening history'],
      },
    ],
  },
  {
    domain: 'video',
    providers: ['YouTube', 'Netflix', 'Twitch', 'Vimeo', 'Plex'],
    ops: [
      {
        op: 'search_videos',
        desc: ['Search videos by keywords with channel, views and duration', 'Find a video about a topic'],
        params: { query: 'Query' },
        asks: ['Find a video tutorial on {topic}', 'Search for {topic} videos'],
      },
      {
        op: 'whats_new',
        desc: ['New releases and episodes from followed channels or shows', 'Latest uploads of subscriptions'],
        params: {},
        asks: ['Any new episodes of my shows?', 'What did my subscribed channels upload?'],
      },
    ],
  },
  {
    domain: 'movies',
    providers: ['TMDB', 'IMDb', 'Letterboxd', 'JustWatch', 'Rotten Tomatoes'],
    ops: [
      {
        op: 'movie_info',
        desc: ['Movie details: cast, plot, rating, release year', 'Information about a film or TV series'],
        params: { title: 'Title' },
        asks: ['Who plays in {movie}?', 'Is {movie} any good? rating please'],
      },
      {
        op: 'where_to_watch',
        desc: ['Which streaming services carry a movie or show', 'Where a film can be streamed, rented or bought'],
        params: { title: 'Title', country: 'Country' },
        asks: ['Where can I stream {movie}?', 'Is {movie} on any streaming service?'],
      },
    ],
  },
  {
    domain: 'books',
    providers: ['Goodreads', 'Open Library', 'Google Books', 'Audible', 'Kindle'],
    ops: [
      {
        op: 'book_search',
        desc: ['Search books by title, author or ISBN', 'Find a book and its author, year and summary'],
        params: { query: 'Query' },
        asks: ['Who wrote {book}?', 'Find books by {author}'],
      },
      {
        op: 'reading_list',
        desc: ['My reading list / shelves and reading progress', 'Books I want to read and am reading'],
        params: {},
        asks: ['What is on my to-read shelf?', 'How far am I in my current book?'],
      },
    ],
  },
  {
    domain: 'podcasts',
    providers: ['Pocket Casts', 'Overcast', 'Listen Notes', 'Apple Podcasts'],
    ops: [
      {
        op: 'search_podcasts',
        desc: ['Search podcasts and episodes by topic', 'Find a podcast episode about a subject'],
        params: { query: 'Query' },
        asks: ['Recommend a podcast episode about {topic}', 'Find podcasts on {topic}'],
      },
      {
        op: 'subscriptions_new',
        desc: ['New episodes in podcast subscriptions', 'Unplayed episodes of shows I follow'],
        params: {},
        asks: ['Any new podcast episodes for me?', 'What podcasts have I not listened to yet?'],
      },
    ],
  },
  {
    domain: 'translation',
    providers: ['DeepL', 'Google Translate', 'Microsoft Translator', 'LibreTranslate', 'Amazon Translate'],
    ops: [
      {
        op: 'translate_text',
        desc: ['Translate text into a target language', 'Machine translation of a sentence or document'],
        params: { text: 'Text', target: 'Target language' },
        asks: ['Translate "where is the station" into {lang}', 'How do you say thank you very much in {lang}?', 'Put this paragraph in {lang}'],
      },
      {
        op: 'detect_language',
        desc: ['Detect which language a text is written in', 'Identify the language of a snippet'],
        params: { text: 'Text' },
        asks: ['What language is this sentence?', 'Which language is "dziekuje bardzo"?'],
      },
    ],
  },
  {
    domain: 'dictionary',
    providers: ['Merriam-Webster', 'Oxford Dictionaries', 'Wordnik', 'Urban Dictionary'],
    ops: [
      {
        op: 'define_word',
        desc: ['Definition, pronunciation and examples of a word', 'Look up what a word means'],
        params: { word: 'Word' },
        asks: ['What does "{word}" mean?', 'Define {word}'],
      },
      {
        op: 'synonyms',
        desc: ['Synonyms and antonyms of a word (thesaurus)', 'Other words with the same meaning'],
        params: { word: 'Word' },
        asks: ['Another word for {word}?', 'Synonyms of {word}'],
      },
    ],
  },
  {
    domain: 'learning',
    providers: ['Duolingo', 'Anki', 'Khan Academy', 'Coursera', 'Quizlet'],
    ops: [
      {
        op: 'study_progress',
        desc: ['Learning streak, XP and course progress', 'How far I am in my course / lessons'],
        params: { course: 'Course' },
        asks: ['What is my language learning streak?', 'How far am I in my online course?'],
      },
      {
        op: 'flashcards_due',
        desc: ['Flashcards due for review today', 'Spaced repetition cards to study now'],
        params: { deck: 'Deck' },
        asks: ['How many flashcards do I need to review today?', 'Quiz me on my due vocabulary cards'],
      },
    ],
  },
  {
    domain: 'search_web',
    providers: ['Brave Search', 'Bing Web Search', 'SerpAPI', 'Tavily', 'Exa', 'DuckDuckGo'],
    ops: [
      {
        op: 'web_search',
        desc: ['Search the web and return result titles, links and snippets', 'General internet search engine query'],
        params: { query: 'Query' },
        asks: ['Search the web for {topic}', 'Look up online who invented the telephone', 'google {topic} for me'],
      },
      {
        op: 'fetch_page',
        desc: ['Fetch a web page and return its readable text', 'Download and extract the content of a URL'],
        params: { url: 'URL' },
        asks: ['Read this page for me: {url}', 'What does the article at {url} say?'],
      },
    ],
  },
  {
    domain: 'encyclopedia',
    providers: ['Wikipedia', 'Britannica', 'Wikidata'],
    ops: [
      {
        op: 'encyclopedia_summary',
        desc: ['Encyclopedia summary of a topic, person or place', 'Short article introduction about a subject'],
        params: { topic: 'Topic' },
        asks: ['Tell me about the history of {topic}', 'Who was Ada Lovelace?'],
      },
    ],
  },
  {
    domain: 'compute',
    providers: ['Wolfram Alpha', 'Mathjs', 'Numbers API'],
    ops: [
      {
        op: 'compute_answer',
        desc: ['Compute math, unit conversions and factual answers', 'Solve an equation or convert units'],
        params: { query: 'Question' },
        asks: ['Convert 5 miles to kilometers', 'Solve x^2 - 4x + 3 = 0', 'How many days until Christmas?'],
      },
    ],
  },
  {
    domain: 'stock_photos',
    providers: ['Unsplash', 'Pexels', 'Pixabay'],
    ops: [
      {
        op: 'search_photos',
        desc: ['Search free stock photos by keyword', 'Find a royalty-free image of something'],
        params: { query: 'Query' },
        asks: ['Find me a stock photo of a mountain lake', 'Free image of {topic} for a blog post'],
      },
    ],
  },
  {
    domain: 'image_editing',
    providers: ['Remove.bg', 'Cloudinary', 'Imgix', 'Photoroom'],
    ops: [
      {
        op: 'edit_image',
        desc: ['Resize, crop or remove the background of an image', 'Image transformation: background removal and resizing'],
        params: { image: 'Image URL', operation: 'Operation' },
        asks: ['Remove the background from this photo', 'Resize my picture to 800 pixels wide'],
      },
    ],
  },
  {
    domain: 'social',
    providers: ['X (Twitter)', 'Mastodon', 'Bluesky', 'LinkedIn', 'Instagram', 'Reddit'],
    ops: [
      {
        op: 'publish_post',
        desc: ['Publish a post or status update', 'Share a new post on the social network'],
        params: { text: 'Text' },
        asks: ['Post on my feed that our new version is out', 'Share this announcement on social media'],
      },
      {
        op: 'mentions',
        desc: ['Recent mentions, replies and notifications', 'Who mentioned or replied to me'],
        params: {},
        asks: ['Did anyone mention me today?', 'Show my latest notifications and replies'],
      },
      {
        op: 'trending',
        desc: ['Trending topics and popular posts right now', 'What is viral today'],
        params: { region: 'Region' },
        asks: ['What is trending right now?', 'Popular posts about {topic} today'],
      },
    ],
  },
  {
    domain: 'qr_codes',
    providers: ['QR Code Monkey', 'goQR', 'QRCode Generator'],
    ops: [
      {
        op: 'make_qr_code',
        desc: ['Generate a QR code image for a text or link', 'Create a scannable QR code'],
        params: { text: 'Text or URL' },
        asks: ['Make a QR code for {url}', 'I need a QR code for our wifi'],
      },
    ],
  },
  {
    domain: 'short_links',
    providers: ['Bitly', 'TinyURL', 'Rebrandly', 'Short.io'],
    ops: [
      {
        op: 'shorten_url',
        desc: ['Shorten a long URL into a short link with click stats', 'Create a short link'],
        params: { url: 'URL' },
        asks: ['Shorten this link: {url}', 'Give me a short url for {url}'],
      },
    ],
  },
  {
    domain: 'time_zones',
    providers: ['TimeZoneDB', 'WorldTimeAPI', 'Abstract Timezone'],
    ops: [
      {
        op: 'time_in_zone',
        desc: ['Current local time in a city or time zone', 'Convert a time between time zones'],
        params: { zone: 'City or zone' },
        asks: ['What time is it in {city}?', 'If it is 9am here, what time is it in {city2}?'],
      },
    ],
  },
  {
    domain: 'holidays',
    providers: ['Nager.Date', 'Calendarific', 'Holiday API'],
    ops: [
      {
        op: 'public_holidays',
        desc: ['Public holidays of a country for a year', 'Bank holidays and days off in a country'],
        params: { country: 'Country', year: 'Year' },
        asks: ['Is Monday a public holiday in {country}?', 'List the bank holidays in {country} this year'],
      },
    ],
  },
];
