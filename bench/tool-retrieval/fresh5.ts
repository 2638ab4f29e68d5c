// Written on 2026-12-08, committed unscored: to be scored exactly once, by the next ranker change (never tune on it, never analyse its misses).
import type { HandRequest } from './hand-written.js';

/**
 * FIFTH fresh set of hand-written requests of the tool-retrieval evaluation (split `fresh5`).
 * Written on 2026-12-08 from the catalog's domains, operations and providers only (catalog-a/b/c.ts
 * and catalog-types.ts), without looking at the ranker's code, its lexicons, any split's misses,
 * any bench output or the other fresh splits' request texts, and in the voices of users of an
 * agent app with many modules installed: terse, chatty, typos, slang, non-native English, two
 * tasks in one message, questions and commands, indirect descriptions of a need. Every catalog
 * domain is covered, roughly in proportion to its number of operations. Labels as in the other
 * splits: `domain/op` (every module offering it serves the request) or `domain/op@Provider`
 * (only that provider's tool, used only when the request names the provider). A label that names
 * no catalog operation, or a provider that does not offer it, fails `generate.ts` and
 * `check-labels.ts`. Committed unscored: the honest figure for the next ranker change, scored
 * exactly once with it; a development set from then on. Write a newer set after.
 */
export const FRESH5: readonly HandRequest[] = [
  // weather
  ['gonna be freezing in oslo this wknd??', ['weather/forecast']],
  ['temp outside rn, Toronto', ['weather/current_weather']],
  ['was it raining in Manchester on the 2nd of november? settling a bet with my brother', ['weather/historical_weather']],
  ['any flood warning active around Valencia at the moment', ['weather/weather_alerts']],
  ['how windy is it in Wellington this second, thinking of kitesurfing', ['weather/current_weather']],
  ['please what temperature it will be in Krakow next thursday, I go there for a conference', ['weather/forecast']],
  ['how hot did it get in phoenix last july, daily highs if u can', ['weather/historical_weather']],
  ['is the heatwave warning for Athens still on? my mom is there', ['weather/weather_alerts']],
  ['Open-Meteo: the coming week in Reykjavik, day by day', ['weather/forecast@Open-Meteo']],
  ['should i bring a jacket to the office or is it warm out already', ['weather/current_weather']],

  // air quality
  ['smoke from the wildfires... is the air in Sacramento bad to breathe today', ['air_quality/air_quality_index']],
  ['my eyes itch like crazy, is it birch season in Stockholm or what', ['air_quality/pollen_count']],
  ['sunburn risk at the beach in Brisbane around noon?', ['air_quality/uv_index']],
  ['aqi denver', ['air_quality/air_quality_index']],
  ['ragweed levels this week in chicago pls', ['air_quality/pollen_count']],
  ['kid must wear hat and suncream? how strong is the sun today in Tenerife', ['air_quality/uv_index']],
  ['PM2.5 in delhi right now according to IQAir', ['air_quality/air_quality_index@IQAir']],
  ['the baby sneezes nonstop every time we go to the park lately, is something in the air this time of year', ['air_quality/pollen_count']],

  // stocks
  ['nvda rn?', ['stocks/stock_quote']],
  ["where's microsoft trading at this morning", ['stocks/stock_quote']],
  ['chart of tesla shares over the past 6 months', ['stocks/price_history']],
  ['how did Amazon close every day in march 2026', ['stocks/price_history']],
  ["what's Apple's gross margin and net income for the last fiscal year", ['stocks/company_financials']],
  ['Finnhub: latest headlines on Nvidia', ['stocks/market_news@Finnhub']],
  ['why is intel tanking today, anything in the press?', ['stocks/market_news']],
  ['pull the Coca-Cola balance sheet from Alpha Vantage', ['stocks/company_financials@Alpha Vantage']],
  ['AMD share price?', ['stocks/stock_quote']],
  ['my uncle keeps bragging about his Ford shares, were they really higher a year ago than now', ['stocks/price_history']],

  // crypto
  ['eth in usd?', ['crypto/coin_price']],
  ['how much is my whole crypto stash on the exchange worth now', ['crypto/wallet_balance']],
  ['market buy 0.05 btc', ['crypto/place_order']],
  ['sell all my doge on Kraken, im done with it', ['crypto/place_order@Kraken']],
  ['Binance: which coins do I have and how much of each', ['crypto/wallet_balance@Binance']],
  ['solana pumped again?? whats it at', ['crypto/coin_price']],
  ['cardano price in euro', ['crypto/coin_price']],

  // currency
  ['300 CHF into euro how much', ['currency/convert_currency']],
  ['dollar vs yen today', ['currency/exchange_rates']],
  ['going to Mexico next month, what will 500 bucks get me in pesos', ['currency/convert_currency']],
  ['all the fx rates against EUR today', ['currency/exchange_rates']],
  ['is the pound strong against the euro at the moment or should i wait to change money', ['currency/exchange_rates']],

  // bank CSV
  ['attached the export from my bank, can u make it into a proper list of transactions', ['bank_csv/parse_statement']],
  ['Revolut CSV below — parse it pls', ['bank_csv/parse_statement@Revolut CSV']],
  ['what did i spend the most on in october, by category, from this statement', ['bank_csv/categorize_transactions']],
  ['tag every line of this bank export as food / transport / rent / other', ['bank_csv/categorize_transactions']],
  ['pretty sure I still pay for some app I never open, spot the recurring charges in my transactions', ['bank_csv/detect_subscriptions']],
  ['barclays csv: find the monthly direct debits', ['bank_csv/detect_subscriptions@Barclays CSV']],

  // budgeting
  ['how much can i still spend on groceries till end of the month', ['budgeting/budget_status']],
  ['did i blow the entertainment budget again', ['budgeting/budget_status']],
  ['put 12.50 for parking in the budget', ['budgeting/add_expense']],
  ['YNAB: add 45 euro cash for haircut', ['budgeting/add_expense@YNAB']],
  ['assets minus debts, where am I at overall', ['budgeting/net_worth']],
  ['is my net worth going up or down this year', ['budgeting/net_worth']],

  // invoicing
  ['send Globex a bill for 12 hours of design work at 90/h', ['invoicing/create_invoice']],
  ['who hasnt paid me yet', ['invoicing/list_unpaid_invoices']],
  ['customer got charged two times, give back the second one', ['invoicing/refund_payment']],
  ['Stripe refund 20 dollars on the order from yesterday', ['invoicing/refund_payment@Stripe']],
  ['QuickBooks: list invoices overdue more than 60 days', ['invoicing/list_unpaid_invoices@QuickBooks']],
  ['make invoice for Initech, 3 line items, net 15', ['invoicing/create_invoice']],

  // tax
  ['what sales tax do i charge a buyer in Austin TX 78701', ['tax/sales_tax_rate']],
  ['vat percentage for ebooks sold to ireland?', ['tax/sales_tax_rate']],
  ['rough idea how much tax on 85k, single filer', ['tax/estimate_income_tax']],
  ['TurboTax estimate: married filing jointly, 140000 combined', ['tax/estimate_income_tax@TurboTax']],
  ['tax rate for zip 10001', ['tax/sales_tax_rate']],

  // news
  ['whats going on in the world today, just the headlines', ['news/top_headlines']],
  ['dig up coverage of the port strike from the last 2 weeks', ['news/search_articles']],
  ['The Guardian front page', ['news/top_headlines@The Guardian']],
  ['any article on the new EU AI rules since october?', ['news/search_articles']],
  ['hacker news top stories', ['news/top_headlines@Hacker News']],

  // sports
  ['celtics game score??', ['sports/live_scores']],
  ['who won el clasico yesterday', ['sports/live_scores']],
  ['serie a table', ['sports/league_standings']],
  ['how many points is Liverpool behind first place', ['sports/league_standings']],
  ['mbappe goals this season', ['sports/player_stats']],
  ['jokic averages this year, points rebounds assists', ['sports/player_stats']],
  ["when's the next Dortmund match", ['sports/fixtures']],
  ['ESPN: Packers schedule for December', ['sports/fixtures@ESPN']],
  ['NBA Stats — how many rebounds is Sabonis averaging', ['sports/player_stats@NBA Stats']],

  // gaming stats
  ['my stats on Fortnite Tracker, username xXsn1perXx', ['gaming_stats/player_profile@Fortnite Tracker']],
  ['Clash of Clans: my town hall level and trophies, tag #LQ8V2P', ['gaming_stats/player_profile@Clash of Clans']],
  ['show my battle log in Clash Royale, lost like 5 in a row', ['gaming_stats/match_history@Clash Royale']],
  ['top 10 on the chess.com blitz leaderboard', ['gaming_stats/leaderboard@Chess.com']],
  ["who's ranked number one worldwide in the game right now", ['gaming_stats/leaderboard']],
  ['look up gamer tag shroud, what rank is he', ['gaming_stats/player_profile']],
  ['did i lose my last few ranked matches or did i win some', ['gaming_stats/match_history']],

  // recipes
  ['got leftover rice, eggs and spring onions, what do i make', ['recipes/search_recipes']],
  ['gluten free dessert recipe pls', ['recipes/search_recipes']],
  ['how much protein in greek yogurt', ['recipes/nutrition_facts']],
  ['kcal in a big mac?', ['recipes/nutrition_facts']],
  ['weekly meal plan vegetarian, 1800 calories', ['recipes/meal_plan']],
  ['Spoonacular: a week of high protein meals, im bulking', ['recipes/meal_plan@Spoonacular']],
  ['macros for 200g cooked pasta', ['recipes/nutrition_facts']],

  // restaurants
  ['cheap ramen near Shinjuku station', ['restaurants/find_restaurants']],
  ['reserve at Chez Marie saturday 7:30 for 6 ppl', ['restaurants/book_table']],
  ['OpenTable table for 2 tomorrow 8pm at Nopa', ['restaurants/book_table@OpenTable']],
  ['any good vegan spots open late around Kreuzberg?', ['restaurants/find_restaurants']],
  ['best rated tacos in san diego?', ['restaurants/find_restaurants']],

  // food delivery
  ['im starving, get me pad thai delivered', ['food_delivery/order_food']],
  ['the burger guy is 40 min late, where is he', ['food_delivery/track_delivery']],
  ['Deliveroo order from Wagamama, the usual', ['food_delivery/order_food@Deliveroo']],
  ['DoorDash ETA?', ['food_delivery/track_delivery@DoorDash']],
  ['too lazy to cook tonight, can someone bring sushi to my flat', ['food_delivery/order_food']],

  // email
  ['email Priya that the meeting moved to 3', ['email/send_email']],
  ['find that mail from the landlord about the deposit', ['email/search_inbox']],
  ['anything new in my mail since this morning? short version', ['email/summarize_unread']],
  ['Outlook: send the report to finance@acme.com, subject Q3 numbers', ['email/send_email@Outlook']],
  ['ProtonMail search for messages from my lawyer in august', ['email/search_inbox@ProtonMail']],
  ['i have 200 unread, tell me which ones actually matter', ['email/summarize_unread']],

  // calendar
  ['put dentist on thursday 10am in my calender', ['calendar/create_event']],
  ["what've I got on tomorrow", ['calendar/list_events']],
  ['when are Tom, Ana and me all free for an hour next week', ['calendar/find_free_slot']],
  ['Google Calendar: block friday afternoon for deep work', ['calendar/create_event@Google Calendar']],
  ['am i busy on the 14th', ['calendar/list_events']],
  ['Calendly find a 30 min slot that works for both me and the client', ['calendar/find_free_slot@Calendly']],

  // tasks
  ['remind me to renew passport, put it on my todo list for next month', ['tasks/add_task']],
  ["what's left on my plate today", ['tasks/list_tasks']],
  ['tick off "call plumber"', ['tasks/complete_task']],
  ['Todoist: overdue tasks', ['tasks/list_tasks@Todoist']],
  ['Asana — mark the homepage copy task as done', ['tasks/complete_task@Asana']],
  ['new todo: buy birthday gift for dad, due saturday', ['tasks/add_task']],

  // notes
  ['jot this down: wifi pw for the cabin is moose2024', ['notes/create_note']],
  ['where did I write grandmas soup recipe, search my notes', ['notes/search_notes']],
  ['Obsidian: new page "trip ideas" with the list below', ['notes/create_note@Obsidian']],
  ['search my notes for the Q4 planning meeting', ['notes/search_notes']],

  // chat
  ['tell the #dev channel the deploy is done', ['chat/post_message']],
  ['what did people say in #general while i was out', ['chat/read_channel']],
  ['Slack: post "lunch at 1?" in #random', ['chat/post_message@Slack']],
  ['catch me up on the announcements channel of the Discord server', ['chat/read_channel@Discord']],

  // github
  ['what PRs need my review', ['github/list_pull_requests']],
  ['open a bug on acme/webapp: login button does nothing on safari', ['github/create_issue']],
  ['is main green?', ['github/ci_status']],
  ['which file defines the retryWithBackoff helper, search the repos', ['github/search_code']],
  ['GitLab: merge requests waiting on the api repo', ['github/list_pull_requests@GitLab']],
  ['did the build on my feature branch pass or fail', ['github/ci_status']],
  ['GitHub code search for "TODO remove before launch"', ['github/search_code@GitHub']],
  ['file an issue on Gitea that the docs link is broken', ['github/create_issue@Gitea']],

  // issue tracking
  ['new ticket for the checkout bug, high prio, assign Sam', ['issue_tracking/create_ticket']],
  ["how is the sprint looking, who's on what", ['issue_tracking/sprint_board']],
  ['move PAY-231 to in review', ['issue_tracking/update_ticket_status']],
  ['Jira: create story "export to CSV" in project REP', ['issue_tracking/create_ticket@Jira']],
  ['sprint progress, are we gonna make it by friday', ['issue_tracking/sprint_board']],
  ['ENG-88 is finished, close it out', ['issue_tracking/update_ticket_status']],

  // cloud
  ['which vms are running in eu-central', ['cloud/list_servers']],
  ['how much are we burning on cloud this month', ['cloud/cloud_costs']],
  ['the box i-0abc123 is hung, reboot it', ['cloud/restart_server']],
  ['AWS bill breakdown by service for november', ['cloud/cloud_costs@AWS']],
  ['list all our servers and which region each is in', ['cloud/list_servers']],
  ['Hetzner restart server 4412', ['cloud/restart_server@Hetzner']],

  // monitoring
  ['what exceptions are spiking in prod since the release', ['monitoring/recent_errors']],
  ['is our site down or is it just me', ['monitoring/uptime_status']],
  ['who is on call tonight', ['monitoring/on_call']],
  ['Sentry errors last 24h for the mobile app', ['monitoring/recent_errors@Sentry']],
  ['status of all the health checks', ['monitoring/uptime_status']],
  ["Datadog: who's on call and are there open incidents", ['monitoring/on_call@Datadog']],
  ['the app keeps crashing for android users since friday, what are the stack traces', ['monitoring/recent_errors']],

  // databases
  ['how many users signed up last week? run it against the db', ['databases/run_query']],
  ["SELECT count(*) FROM orders WHERE status = 'failed'", ['databases/run_query']],
  ['add a row to the leads sheet: Jane Doe, jane@x.io, inbound', ['databases/insert_row']],
  ['Airtable: new record in the Inventory table, 20 chairs', ['databases/insert_row@Airtable']],
  ['Supabase query: top 5 products by revenue', ['databases/run_query@Supabase']],

  // files
  ["where's the signed lease pdf in my drive", ['files/search_files']],
  ['give Marco edit access to the Q4 deck', ['files/share_file']],
  ['save this file to my Photos/2026 folder in the cloud', ['files/upload_file']],
  ['Dropbox: find the wedding photos folder', ['files/search_files@Dropbox']],
  ['share the budget spreadsheet with the accountant via link', ['files/share_file']],
  ['OneDrive upload report.docx to Work', ['files/upload_file@OneDrive']],

  // documents
  ['get the NDA signed by both founders electronically', ['documents/send_for_signature']],
  ['pull the tables out of this pdf', ['documents/extract_pdf_text']],
  ['DocuSign the contract to lena@globex.com', ['documents/send_for_signature@DocuSign']],
  ['what does this scanned pdf say, just give me the text', ['documents/extract_pdf_text']],

  // crm
  ["who's our contact at Hooli again, email?", ['crm/find_contact']],
  ["how many deals are in negotiation and what're they worth", ['crm/deal_pipeline']],
  ['note that I called Ahmed today, he wants a demo next week', ['crm/log_activity']],
  ['Salesforce: look up lead Maria Gomez', ['crm/find_contact@Salesforce']],
  ['sales pipeline by stage', ['crm/deal_pipeline']],
  ['HubSpot log meeting with Initech, discussed pricing', ['crm/log_activity@HubSpot']],

  // support
  ['how many customer tickets still unanswered, urgent ones first', ['support/open_tickets']],
  ['answer ticket 5521: refund is on its way', ['support/reply_ticket']],
  ['support queue pls', ['support/open_tickets']],
  ['Intercom reply to the customer asking about shipping to Canada', ['support/reply_ticket@Intercom']],

  // ecommerce
  ['any new orders on the shop overnight', ['ecommerce/recent_orders']],
  ['anything under 5 units left in the store? need to reorder', ['ecommerce/inventory_levels']],
  ['drop the price of the blue hoodie to 39', ['ecommerce/update_price']],
  ['Shopify: what came in since midnight, order-wise', ['ecommerce/recent_orders@Shopify']],
  ['Etsy: how many of the ceramic mugs do i have left', ['ecommerce/inventory_levels@Etsy']],
  ['20% off all candles on WooCommerce', ['ecommerce/update_price@WooCommerce']],

  // shipping
  ['where is my parcel 1Z88X0E20312345678, stuck since monday', ['shipping/track_package']],
  ['cheapest way to send a 3kg box from Lyon to Montreal', ['shipping/shipping_rates']],
  ['tracking JJD000390007', ['shipping/track_package']],
  ['USPS vs UPS price for a 2 lb package to Ohio', ['shipping/shipping_rates@USPS', 'shipping/shipping_rates@UPS']],

  // flights
  ['cheap flights to bali in feb from singapore', ['flights/search_flights']],
  ['is LH 123 delayed', ['flights/flight_status']],
  ['my moms plane from Doha, QR 7, lands what time', ['flights/flight_status']],
  ['Skyscanner one way Madrid to Lima 3 march', ['flights/search_flights@Skyscanner']],
  ['return tix NYC–London under 600?', ['flights/search_flights']],

  // hotels
  ['need a place to sleep in Porto 2 nights from friday, not too pricey', ['hotels/search_stays']],
  ["what's the address of the hotel I booked for next week", ['hotels/my_bookings']],
  ['Airbnb in Lisbon for 4 adults, 12-16 may', ['hotels/search_stays@Airbnb']],
  ['which stays have I got booked', ['hotels/my_bookings']],

  // transit
  ['how do i get from the airport to Alexanderplatz by train', ['transit/plan_trip']],
  ['next bus from stop Hauptbahnhof', ['transit/departures']],
  ['Citymapper fastest way to Camden by tube', ['transit/plan_trip@Citymapper']],
  ['Deutsche Bahn departures Köln Hbf', ['transit/departures@Deutsche Bahn']],

  // ride hailing
  ['need a ride to Gare du Nord asap, book it', ['ride_hailing/request_ride']],
  ['fare guess for a car from Brooklyn to LaGuardia', ['ride_hailing/ride_estimate']],
  ['Lyft to 500 Market St', ['ride_hailing/request_ride@Lyft']],
  ['roughly what does a lift from home to the office cost', ['ride_hailing/ride_estimate']],

  // maps
  ['lat long of the eiffel tower', ['maps/geocode']],
  ['fastest drive from Munich to Salzburg with the traffic now', ['maps/driving_directions']],
  ['closest gas station', ['maps/nearby_places']],
  ['Mapbox geocode "Calle Mayor 5, Madrid"', ['maps/geocode@Mapbox']],
  ["how long by car to grandma's, she lives at 12 Elm st Springfield", ['maps/driving_directions']],
  ['need cash, ATM near me thats open', ['maps/nearby_places']],

  // smart home
  ['lights off in the kids room', ['smart_home/set_lights']],
  ['crank the heat to 22', ['smart_home/set_thermostat']],
  ['did i leave the garage door open', ['smart_home/device_status']],
  ['Philips Hue living room 30% warm white', ['smart_home/set_lights@Philips Hue']],
  ['thermostat to eco mode', ['smart_home/set_thermostat']],
  ['Home Assistant: is the back door locked', ['smart_home/device_status@Home Assistant']],
  ['the house feels like a fridge, do something', ['smart_home/set_thermostat']],

  // energy
  ['how many kwh did the house use yesterday', ['energy/energy_usage']],
  ['how much did the panels make today', ['energy/solar_production']],
  ['when is power cheapest tonight, want to charge the car', ['energy/electricity_price']],
  ['Octopus Energy: current unit rate', ['energy/electricity_price@Octopus Energy']],
  ['solar output this week', ['energy/solar_production']],
  ['why is my electric bill so high, show consumption per day', ['energy/energy_usage']],

  // fitness
  ['show my runs this week', ['fitness/recent_workouts']],
  ['how did i sleep', ['fitness/sleep_summary']],
  ['resting hr trend last month', ['fitness/heart_rate']],
  ['step tally so far today', ['fitness/step_count']],
  ['Strava last ride distance and pace', ['fitness/recent_workouts@Strava']],
  ['Oura sleep score last night', ['fitness/sleep_summary@Oura']],
  ['Garmin Connect HRV this week', ['fitness/heart_rate@Garmin Connect']],
  ['did I hit 10k steps yesterday', ['fitness/step_count']],
  ['felt like a zombie all day, how much deep sleep did i actually get', ['fitness/sleep_summary']],

  // doctor
  ['need a dermatologist appointment sometime next week', ['doctor/book_appointment']],
  ['Doctolib: book a GP for tomorrow morning', ['doctor/book_appointment@Doctolib']],
  ['my kid has an ear infection again, can u find a pediatrician slot', ['doctor/book_appointment']],

  // medication
  ['which pills do I take tonight', ['medication/medication_reminders']],
  ['did I already take the blood pressure med today? whats my schedule', ['medication/medication_reminders']],
  ['my med schedule for the week', ['medication/medication_reminders']],

  // pharmacy
  ['metformin 500mg, which pharmacy has it cheapest with a discount card', ['pharmacy/drug_prices']],
  ['GoodRx coupon for amoxicillin', ['pharmacy/drug_prices@GoodRx']],
  ['insulin is so expensive, where can i get it cheaper', ['pharmacy/drug_prices']],

  // music
  ['play some lofi', ['music/play_music']],
  ['make a playlist called Road Trip with these 10 songs', ['music/create_playlist']],
  ['what was that song i listened to yesterday evening', ['music/recently_played']],
  ['Spotify play Abbey Road', ['music/play_music@Spotify']],
  ['Apple Music: new playlist for the gym with Eminem and Rage Against the Machine', ['music/create_playlist@Apple Music']],
  ['my listening history from the last few days', ['music/recently_played']],
  ['that track with the trumpet I had on in the car this morning, what was it called', ['music/recently_played']],

  // video
  ['find a video tutorial on replacing a bike chain', ['video/search_videos']],
  ['anything new from the channels I follow', ['video/whats_new']],
  ['YouTube: how to tie a bowline', ['video/search_videos@YouTube']],
  ['Twitch, did anyone i follow post new vods', ['video/whats_new@Twitch']],

  // movies
  ["who's in the cast of Past Lives and is it any good", ['movies/movie_info']],
  ['where can i stream Severance', ['movies/where_to_watch']],
  ['is Dune part two on Netflix', ['movies/where_to_watch']],
  ['IMDb rating of Parasite', ['movies/movie_info@IMDb']],
  ['JustWatch: where to rent Amelie in France', ['movies/where_to_watch@JustWatch']],

  // books
  ['who wrote The Left Hand of Darkness and when', ['books/book_search']],
  ['what am I currently reading', ['books/reading_list']],
  ['Goodreads want-to-read shelf', ['books/reading_list@Goodreads']],
  ['find that book about octopuses and consciousness', ['books/book_search']],

  // podcasts
  ['podcast about the history of the Byzantine empire?', ['podcasts/search_podcasts']],
  ['new episodes of the shows I sub to', ['podcasts/subscriptions_new']],
  ['Listen Notes: episodes on sleep science', ['podcasts/search_podcasts@Listen Notes']],
  ["what's unplayed in my podcasts", ['podcasts/subscriptions_new']],

  // translation
  ['how do u say "where is the bathroom" in polish', ['translation/translate_text']],
  ['what language is this: "Dziękuję bardzo"', ['translation/detect_language']],
  ['DeepL translate this paragraph to formal German', ['translation/translate_text@DeepL']],
  ['got a text in some script i dont recognize, which language is it', ['translation/detect_language']],

  // dictionary
  ['what does "petrichor" mean', ['dictionary/define_word']],
  ['another word for "important" that sounds smarter', ['dictionary/synonyms']],
  ['Urban Dictionary: rizz', ['dictionary/define_word@Urban Dictionary']],
  ['opposite of "verbose"?', ['dictionary/synonyms']],

  // learning
  ['duolingo — am I keeping up, how many days in a row now', ['learning/study_progress@Duolingo']],
  ['which anki cards are due', ['learning/flashcards_due@Anki']],
  ['how far am I in the machine learning course', ['learning/study_progress']],
  ['vocab cards to review today', ['learning/flashcards_due']],

  // web search
  ['google for me: best budget mechanical keyboard 2026', ['search_web/web_search']],
  ['read this page and tell me what it says https://blog.example.dev/post/1', ['search_web/fetch_page']],
  ['Brave search: rust async runtimes comparison', ['search_web/web_search@Brave Search']],
  ['grab the text of https://news.example.com/a/123', ['search_web/fetch_page']],

  // encyclopedia
  ['give me a quick overview of the Ottoman empire', ['encyclopedia/encyclopedia_summary']],
  ['wikipedia summary of Ada Lovelace', ['encyclopedia/encyclopedia_summary@Wikipedia']],
  ['who was Hypatia, short', ['encyclopedia/encyclopedia_summary']],

  // compute
  ['integrate x^2 sin x', ['compute/compute_answer']],
  ['5 miles in km', ['compute/compute_answer']],
  ['Wolfram Alpha: distance earth to mars today', ['compute/compute_answer@Wolfram Alpha']],

  // stock photos
  ['free pic of a mountain lake for my blog header', ['stock_photos/search_photos']],
  ['stock photos of coffee shops', ['stock_photos/search_photos']],
  ['royalty free image of a handshake', ['stock_photos/search_photos']],

  // image editing
  ['cut out the background of my headshot', ['image_editing/edit_image']],
  ['resize this to 1080x1080 for insta', ['image_editing/edit_image']],
  ['make the background of this product photo transparent', ['image_editing/edit_image']],

  // social
  ["tweet: we're live on product hunt!", ['social/publish_post']],
  ['did anyone reply to me', ['social/mentions']],
  ['what topics are blowing up online today', ['social/trending']],
  ['LinkedIn post announcing my new job', ['social/publish_post@LinkedIn']],
  ['any notifications or replies for me on social', ['social/mentions']],
  ['Reddit front page, what are people talking about', ['social/trending@Reddit']],

  // QR codes
  ['make a qr for our wifi', ['qr_codes/make_qr_code']],
  ['QR code linking to my portfolio site', ['qr_codes/make_qr_code']],
  ['goQR code for https://menu.example.com', ['qr_codes/make_qr_code@goQR']],

  // short links
  ['shorten this monster link', ['short_links/shorten_url']],
  ['Bitly this url so I can see the clicks later', ['short_links/shorten_url@Bitly']],
  ['make the link shorter so it fits in the sms', ['short_links/shorten_url']],

  // time zones
  ['what time is it in Sydney', ['time_zones/time_in_zone']],
  ['3pm Berlin is what in LA', ['time_zones/time_in_zone']],
  ['is it too late to call my sister in Manila rn', ['time_zones/time_in_zone']],

  // holidays
  ['is monday a bank holiday in the UK', ['holidays/public_holidays']],
  ['days off in Japan in 2027', ['holidays/public_holidays']],
  ['Calendarific holidays Brazil this year', ['holidays/public_holidays@Calendarific']],

  // non-native English, typos, indirect needs
  ['please can you tell me how is the wether in Milano now, I must decide the clothes', ['weather/current_weather']],
  ['i want know if tomorow train strike in France, give me the news', ['news/search_articles']],
  ['how much cost to me the taxi from hotel until airport, approximatly', ['ride_hailing/ride_estimate']],
  ['I need to learn the german words before exam, which cards I must repeat today', ['learning/flashcards_due']],
  ['my boss ask me to give him access to the folder with the photos, please share it to him', ['files/share_file']],
  ['excuse me, which is the nearest farmacy open now', ['maps/nearby_places']],
  ['in my account of the exchange how many bitcoin I am having', ['crypto/wallet_balance']],
  ['resturant for tonite, italian, not fancy, near Piccadilly', ['restaurants/find_restaurants']],
  ['definately need a reminder list of my meds, i keep forgeting', ['medication/medication_reminders']],
  ['shedule a call w/ the Acme folks thurs 2pm and invite them', ['calendar/create_event']],
  ['cant remember if I locked up before I left the house', ['smart_home/device_status']],
  ['customers say the site takes forever to load today', ['monitoring/uptime_status']],
  ['my landlord sent me the contract as pdf, what does clause 7 say', ['documents/extract_pdf_text']],
  ['I want to know where my money goes each month, split it up into groups', ['bank_csv/categorize_transactions']],
  ['we are short on the small size t-shirts? check how many remain in stock', ['ecommerce/inventory_levels']],
  ['does Rome have any day off for everyone in June, like national day', ['holidays/public_holidays']],
  ['how many dollars is 50 quid, roughly', ['currency/convert_currency']],
  ['is it safe to run outside today in Beijing with all that smog', ['air_quality/air_quality_index']],
  ['the dishwasher ran all night, how much electricity did it eat', ['energy/energy_usage']],
  ['mate said the new Nolan film is 3 hours?? how long is it actually', ['movies/movie_info']],

  // more everyday asks, no provider named
  ["ok so I have a 9am flight and need to be at the airport by 7, what's the bus/train situation from Clapham", ['transit/plan_trip']],
  ['when does the next U2 leave from Senefelderplatz', ['transit/departures']],
  ['any good videos on sourdough shaping', ['video/search_videos']],
  ['my fav creators dropped anything this week?', ['video/whats_new']],
  ['isbn for the english edition of The Three-Body Problem', ['books/book_search']],
  ['how far into Middlemarch am I', ['books/reading_list']],
  ['is there a podcast where they interview chefs', ['podcasts/search_podcasts']],
  ['did the football podcast I follow put out a new episode', ['podcasts/subscriptions_new']],
  ['look up what people online say about the Framework 16 laptop, battery life esp', ['search_web/web_search']],
  ['summarize this article for me: https://example.org/longread/climate', ['search_web/fetch_page']],
  ['put in my notes that the car insurance renews on 3 April', ['notes/create_note']],
  ['i wrote something about the garden layout somewhere in my notes, find it', ['notes/search_notes']],
  ["ping Lena in chat that I'm running 10 min late", ['chat/post_message']],
  ['any messages in the team channel about the outage?', ['chat/read_channel']],
  ['new mail to the landlord: heating broken again, please send someone', ['email/send_email']],
  ['did HR email me back about the vacation days?', ['email/search_inbox']],
  ['I need to remember to water the plants friday, put it on my list', ['tasks/add_task']],
  ['done with the tax forms, check it off', ['tasks/complete_task']],
  ["what's in the pipeline closing this quarter", ['crm/deal_pipeline']],
  ['find the phone number of the buyer at Umbrella Corp', ['crm/find_contact']],
  ['update the price on SKU TS-101 to 24.99', ['ecommerce/update_price']],
  ['how many orders did the store get this week and the total', ['ecommerce/recent_orders']],
  ['which of our cloud services costs the most?', ['cloud/cloud_costs']],
  ["pls bounce the staging server, it's frozen", ['cloud/restart_server']],
  ['create a bug ticket in the MOBILE project: push notifications arrive twice', ['issue_tracking/create_ticket']],
  ["set BACK-12 to in progress, I'm picking it up", ['issue_tracking/update_ticket_status']],
  ['is now a cheap time to run the washing machine or better later', ['energy/electricity_price']],
  ['home battery level and how much sun did we get', ['energy/solar_production']],
  ['coordinates for 10 Downing Street', ['maps/geocode']],
  ['is there a bakery around here', ['maps/nearby_places']],
  ['post on my socials: the shop is closed monday', ['social/publish_post']],
  ["who's been tagging me today", ['social/mentions']],
  ['Bayern won or lost tonight?', ['sports/live_scores']],
  ['whos leading the bundesliga', ['sports/league_standings']],
  ['oracle earnings last quarter, eps', ['stocks/company_financials']],
  ['shuffle my liked songs', ['music/play_music']],
  ['hey, is anything on my schedule friday evening? want to go to a gig', ['calendar/list_events']],
  ['find half an hour when Raj and I are both free to redo our 1:1', ['calendar/find_free_slot']],
  ['nutrition of an avocado, fat mostly', ['recipes/nutrition_facts']],
  ['how much to send a letter-size envelope to Japan', ['shipping/shipping_rates']],
  ['order status of my takeaway please, hungry', ['food_delivery/track_delivery']],
  ['send this lease pdf out so me and the landlord can sign it online', ['documents/send_for_signature']],
  ['add to the expenses table: 2026-12-01, printer ink, 38.00', ['databases/insert_row']],
  ["customer #882 asked about warranty, write back that it's 2 years", ['support/reply_ticket']],
  ["what's VAT in Germany for normal goods", ['tax/sales_tax_rate']],
  ['how many trophies do I have', ['gaming_stats/player_profile']],
  ['hola! me puedes decir the time in Buenos Aires now?', ['time_zones/time_in_zone']],
  ['translate "thank you for your patience" into japanese and korean', ['translation/translate_text']],
  ['what\'s another way to say "moreover"', ['dictionary/synonyms']],

  // two tasks in one message
  ['check if its gonna rain in Leeds on sat and book a table for 4 at Dishoom 7pm', ['weather/forecast', 'restaurants/book_table']],
  ['convert 2000 sek to eur and log it as an expense "ski rental"', ['currency/convert_currency', 'budgeting/add_expense']],
  ['find my flight confirmation email and check if BA286 is on time', ['email/search_inbox', 'flights/flight_status']],
  ['turn off all the lights and set heating to 17, going to bed', ['smart_home/set_lights', 'smart_home/set_thermostat']],
  ['translate this to spanish and post it in the #latam channel', ['translation/translate_text', 'chat/post_message']],
  ['shorten https://example.com/a/very/long/path and make a qr code of it', ['short_links/shorten_url', 'qr_codes/make_qr_code']],
  ['what time is it in Tokyo now and is tomorrow a holiday there', ['time_zones/time_in_zone', 'holidays/public_holidays']],
  ['restart web-3 and then tell me if the site is back up', ['cloud/restart_server', 'monitoring/uptime_status']],
  ['look at the top Sentry crash and open a Jira ticket for it', ['monitoring/recent_errors@Sentry', 'issue_tracking/create_ticket@Jira']],
  ['how many steps did i do today and how did i sleep last night', ['fitness/step_count', 'fitness/sleep_summary']],
  ['get a car to the airport and check what gate my flight UA 88 is at', ['ride_hailing/request_ride', 'flights/flight_status']],
  ['is bitcoin up today? and whats in the news about it', ['crypto/coin_price', 'news/search_articles']],
  ['find a hotel in Kyoto for 3 nights and a train from Tokyo to there', ['hotels/search_stays', 'transit/plan_trip']],
  ["what's on my calendar tomorrow, and my todos for tomorrow too", ['calendar/list_events', 'tasks/list_tasks']],
  ['look up Hooli in the crm and invoice them 4000 for the retainer', ['crm/find_contact', 'invoicing/create_invoice']],
  ['reply to the angry customer ticket and refund their payment', ['support/reply_ticket', 'invoicing/refund_payment']],
  ['where can i watch Oppenheimer and how long is it', ['movies/where_to_watch', 'movies/movie_info']],
  ['define "hubris" and give me some synonyms', ['dictionary/define_word', 'dictionary/synonyms']],
  ['AQI and pollen in Madrid today, asthmatic here', ['air_quality/air_quality_index', 'air_quality/pollen_count']],
  ['track my UPS package 1Z999AA10123456784 and what would it cost to send it back with them', ['shipping/track_package@UPS', 'shipping/shipping_rates@UPS']],
  ['cheapest flight to Rome next weekend + a cheap hotel near Termini', ['flights/search_flights', 'hotels/search_stays']],
  ['parse this bank csv and then find the subscriptions in it', ['bank_csv/parse_statement', 'bank_csv/detect_subscriptions']],
  ['play something chill on Spotify and dim the lights to 20%', ['music/play_music@Spotify', 'smart_home/set_lights']],
  ['save this receipt into my drive and add 32.40 to the budget under dining', ['files/upload_file', 'budgeting/add_expense']],
  ['any pull requests open on graft/graft and did CI pass on main', ['github/list_pull_requests', 'github/ci_status']],
  ['put the last 5 songs I played into a new playlist', ['music/recently_played', 'music/create_playlist']],
  ['email the invoice pdf to Globex and mark the "send invoice" task done', ['email/send_email', 'tasks/complete_task']],
  ['turn on the porch light and tell me if the front door is locked', ['smart_home/set_lights', 'smart_home/device_status']],
];
