/** Evaluation catalog, part A: everyday information and personal finance. */
import type { DomainSpec } from './catalog-types.js';

export const CATALOG_A: DomainSpec[] = [
  {
    domain: 'weather',
    providers: ['OpenWeatherMap', 'WeatherAPI', 'Tomorrow.io', 'Visual Crossing', 'Meteostat', 'Open-Meteo'],
    ops: [
      {
        op: 'current_weather',
        desc: [
          'Current weather conditions for a city: temperature, humidity, wind and sky',
          'Get the weather right now at a location (temperature, feels-like, wind speed)',
        ],
        params: { city: 'City name', units: 'metric or imperial' },
        asks: ["What's the weather like in {city} right now?", 'Is it cold outside in {city} at the moment?', 'current temperature in {city}'],
      },
      {
        op: 'forecast',
        desc: [
          'Daily weather forecast for the next days with rain probability and highs/lows',
          'Multi-day forecast: precipitation chance, min and max temperature per day',
        ],
        params: { city: 'City name', days: 'Number of days' },
        asks: [
          'Will it rain in {city} this weekend?',
          'Give me the weather forecast for {city} for the next 5 days',
          'Do I need an umbrella in {city} tomorrow?',
        ],
      },
      {
        op: 'historical_weather',
        desc: ['Historical weather observations for a past date at a location', 'Past weather data: what the temperature and rainfall were on a given day'],
        params: { city: 'City name', date: 'Past date YYYY-MM-DD' },
        asks: ['What was the weather in {city} on {date}?', 'How hot was it in {city} last summer on {date}?'],
      },
      {
        op: 'weather_alerts',
        desc: ['Active severe weather alerts and warnings (storms, floods, heat) for a region', 'Official weather warnings currently in effect for an area'],
        params: { region: 'Region or city' },
        asks: ['Are there any storm warnings for {city}?', 'Any severe weather alerts near {city} today?'],
      },
    ],
  },
  {
    domain: 'air_quality',
    providers: ['IQAir', 'OpenAQ', 'BreezoMeter', 'AirNow'],
    ops: [
      {
        op: 'air_quality_index',
        desc: ['Air quality index (AQI) and main pollutant for a city', 'Current air pollution level: AQI, PM2.5 and ozone at a location'],
        params: { city: 'City name' },
        asks: ['How polluted is the air in {city} today?', 'What is the AQI in {city}?', 'Is it safe to go jogging in {city}, air-quality wise?'],
      },
      {
        op: 'pollen_count',
        desc: ['Pollen levels (tree, grass, weed) for allergy sufferers at a location', 'Pollen forecast by type for hay fever'],
        params: { city: 'City name' },
        asks: ['Pollen count in {city} today? My hay fever is terrible', 'Is grass pollen high in {city}?'],
      },
      {
        op: 'uv_index',
        desc: ['UV index forecast and sun exposure risk for a location', 'Ultraviolet radiation level and recommended sun protection'],
        params: { city: 'City name' },
        asks: ['How strong is the sun / UV index in {city}?', 'Do I need sunscreen in {city} today?'],
      },
    ],
  },
  {
    domain: 'stocks',
    providers: ['Alpha Vantage', 'Finnhub', 'Polygon', 'IEX Cloud', 'Yahoo Finance', 'Twelve Data'],
    ops: [
      {
        op: 'stock_quote',
        desc: ['Latest stock quote for a ticker symbol: price, change and volume', 'Real-time share price of a listed company by ticker'],
        params: { symbol: 'Ticker symbol, e.g. AAPL' },
        asks: ['How much is {ticker} stock trading at?', "What's the share price of {ticker} right now?", '{ticker} quote please'],
      },
      {
        op: 'price_history',
        desc: ['Historical daily prices (open, high, low, close) of a stock over a date range', "Time series of a ticker's closing prices for charting"],
        params: { symbol: 'Ticker symbol', from: 'Start date', to: 'End date' },
        asks: ['Show me how {ticker} stock moved over the last year', 'Daily closing prices of {ticker} since January'],
      },
      {
        op: 'company_financials',
        desc: [
          'Company fundamentals: revenue, earnings, balance sheet from quarterly reports',
          'Income statement and key financial ratios of a public company',
        ],
        params: { symbol: 'Ticker symbol', period: 'annual or quarterly' },
        asks: ['What was {ticker} revenue and profit last quarter?', 'P/E ratio and earnings of {ticker}'],
      },
      {
        op: 'market_news',
        desc: ['Recent news headlines about a stock or the market', 'Financial news articles mentioning a company ticker'],
        params: { symbol: 'Ticker symbol' },
        asks: ['Any news about {ticker} today?', 'Why did {ticker} drop? Show headlines'],
      },
    ],
  },
  {
    domain: 'crypto',
    providers: ['CoinGecko', 'CoinMarketCap', 'Binance', 'Kraken', 'Coinbase'],
    ops: [
      {
        op: 'coin_price',
        desc: ['Current price of a cryptocurrency in a fiat currency', 'Spot price and 24h change of a crypto coin like BTC or ETH'],
        params: { coin: 'Coin id or symbol', currency: 'Fiat currency code' },
        asks: ['How much is one {coin} worth in {currency}?', 'Current {coin} price', 'Did {coin} go up today?'],
      },
      {
        op: 'wallet_balance',
        desc: ['Balances of the crypto wallet / exchange account per asset', 'List my crypto holdings and their value on the exchange'],
        params: { account: 'Account id' },
        asks: ['How much crypto do I hold on my exchange account?', 'Show my coin balances'],
      },
      {
        op: 'place_order',
        desc: ['Place a buy or sell order for a cryptocurrency on the exchange', 'Trade crypto: market or limit order to buy/sell an amount'],
        params: { pair: 'Trading pair, e.g. BTC-EUR', side: 'buy or sell', amount: 'Amount' },
        asks: ['Buy {amount} worth of {coin} for me', 'Sell half of my {coin}'],
      },
    ],
  },
  {
    domain: 'currency',
    providers: ['ExchangeRate-API', 'Fixer', 'Open Exchange Rates', 'CurrencyLayer', 'Frankfurter'],
    ops: [
      {
        op: 'convert_currency',
        desc: ["Convert an amount of money from one currency to another at today's rate", 'Currency conversion using the latest foreign exchange rates'],
        params: { amount: 'Amount', from: 'Source currency', to: 'Target currency' },
        asks: ['How much is {amount} {currency} in yen?', 'Convert {amount} dollars to {currency}', 'exchange {amount} {currency} to pounds'],
      },
      {
        op: 'exchange_rates',
        desc: ['Latest FX exchange rates for a base currency', 'Table of currency rates against a base such as EUR or USD'],
        params: { base: 'Base currency' },
        asks: ['What is the euro to dollar exchange rate today?', "Show today's FX rates for {currency}"],
      },
    ],
  },
  {
    domain: 'bank_csv',
    providers: ['Chase CSV', 'Revolut CSV', 'N26 CSV', 'Barclays CSV', 'ING CSV'],
    ops: [
      {
        op: 'parse_statement',
        desc: [
          'Parse a bank statement CSV export into a list of transactions (date, payee, amount)',
          'Read a downloaded bank CSV file and turn rows into structured transactions',
        ],
        params: { csv: 'CSV text of the statement' },
        asks: [
          'Here is my bank statement CSV, turn it into transactions',
          'Can you read this exported bank csv file?',
          'Import my bank transactions from this CSV',
        ],
      },
      {
        op: 'categorize_transactions',
        desc: [
          'Categorize bank transactions into spending categories (groceries, rent, transport)',
          'Assign budget categories to each transaction of a statement',
        ],
        params: { transactions: 'Transactions' },
        asks: ['Sort my bank transactions into categories like groceries and rent', 'How much did I spend on groceries last month according to my statement?'],
      },
      {
        op: 'detect_subscriptions',
        desc: ['Find recurring payments and subscriptions in bank transactions', 'Detect monthly recurring charges (streaming, gym) in a statement'],
        params: { transactions: 'Transactions' },
        asks: ['Which subscriptions am I paying for every month?', 'Find recurring charges in my bank statement'],
      },
    ],
  },
  {
    domain: 'budgeting',
    providers: ['YNAB', 'Mint', 'Monarch', 'Copilot Money'],
    ops: [
      {
        op: 'budget_status',
        desc: ['How much is left in each budget category this month', 'Remaining budget per category and overspending warnings'],
        params: { month: 'Month' },
        asks: ['How much is left in my dining out budget?', 'Am I over budget this month?'],
      },
      {
        op: 'add_expense',
        desc: ['Record a manual expense in the budget with amount, payee and category', 'Log a cash purchase into the budgeting app'],
        params: { amount: 'Amount', payee: 'Payee', category: 'Category' },
        asks: ['Log {amount} I spent on lunch in cash', 'Add an expense of {amount} for groceries to my budget'],
      },
      {
        op: 'net_worth',
        desc: ['Total net worth across linked accounts (assets minus debts)', 'Sum of all account balances and liabilities over time'],
        params: {},
        asks: ["What's my net worth right now?", 'How much am I worth in total across accounts?'],
      },
    ],
  },
  {
    domain: 'invoicing',
    providers: ['Stripe', 'QuickBooks', 'Xero', 'FreshBooks', 'Wave'],
    ops: [
      {
        op: 'create_invoice',
        desc: [
          'Create and send an invoice to a customer with line items and due date',
          'Bill a client: draft an invoice with items, amounts and payment terms',
        ],
        params: { customer: 'Customer', items: 'Line items', due: 'Due date' },
        asks: ['Invoice {company} {amount} for consulting, due in 30 days', "Bill my client {company} for last month's work"],
      },
      {
        op: 'list_unpaid_invoices',
        desc: ['List unpaid and overdue invoices with amounts due', 'Outstanding invoices that customers have not paid yet'],
        params: { status: 'unpaid or overdue' },
        asks: ['Which invoices are still unpaid?', 'Who owes me money? Show overdue invoices'],
      },
      {
        op: 'refund_payment',
        desc: ['Refund a customer payment fully or partially', 'Issue a refund for a charge'],
        params: { payment: 'Payment id', amount: 'Amount' },
        asks: ['Refund {person} for the duplicate charge', 'Give a partial refund of {amount} on the last payment'],
      },
    ],
  },
  {
    domain: 'tax',
    providers: ['TaxJar', 'Avalara', 'TurboTax'],
    ops: [
      {
        op: 'sales_tax_rate',
        desc: ['Sales tax rate for a shipping address or ZIP code', 'Look up the VAT or sales tax percentage for a location'],
        params: { zip: 'ZIP or postal code' },
        asks: ['What sales tax applies in ZIP {zip}?', 'VAT rate for selling to customers in {country}'],
      },
      {
        op: 'estimate_income_tax',
        desc: ['Estimate income tax owed for a salary and filing status', 'Rough income tax calculation with brackets and deductions'],
        params: { income: 'Annual income', status: 'Filing status' },
        asks: ['How much income tax will I pay on {amount} salary?', 'Estimate my tax bill for this year'],
      },
    ],
  },
  {
    domain: 'news',
    providers: ['NewsAPI', 'GNews', 'The Guardian', 'New York Times', 'Hacker News'],
    ops: [
      {
        op: 'top_headlines',
        desc: ['Top news headlines right now, optionally by country or category', 'Breaking news and front-page stories'],
        params: { country: 'Country', category: 'Category' },
        asks: ['What are the top news stories today?', 'Any breaking news in {country}?', "What's happening in the world right now?"],
      },
      {
        op: 'search_articles',
        desc: ['Search news articles by keyword and date range', 'Find press coverage mentioning a topic'],
        params: { query: 'Keywords', from: 'From date' },
        asks: ['Find articles about {topic} from last week', 'Search the news for coverage of {topic}'],
      },
    ],
  },
  {
    domain: 'sports',
    providers: ['ESPN', 'API-Football', 'TheSportsDB', 'Sportradar', 'NBA Stats'],
    ops: [
      {
        op: 'live_scores',
        desc: ["Live scores of games in progress and today's results", 'Current match scores for a league or team'],
        params: { league: 'League', team: 'Team' },
        asks: ['What is the score of the {team} game?', 'Did {team} win last night?', 'live scores {league}'],
      },
      {
        op: 'league_standings',
        desc: ['League table / standings with points, wins and losses', 'Ranking of teams in a league this season'],
        params: { league: 'League' },
        asks: ['Show the {league} table', 'Who is top of the {league} standings?'],
      },
      {
        op: 'player_stats',
        desc: ['Season statistics of a player: goals, assists, points per game', 'Career and season stats for an athlete'],
        params: { player: 'Player name' },
        asks: ['How many goals has {athlete} scored this season?', '{athlete} stats this year'],
      },
      {
        op: 'fixtures',
        desc: ['Upcoming fixtures and schedule of a team', 'When a team plays next: dates, opponents, venues'],
        params: { team: 'Team' },
        asks: ['When do {team} play next?', "{team}'s schedule this month"],
      },
    ],
  },
  {
    domain: 'gaming_stats',
    providers: ['Clash Royale', 'Clash of Clans', 'Fortnite Tracker', 'Riot League of Legends', 'Steam', 'Chess.com'],
    ops: [
      {
        op: 'player_profile',
        desc: ['Player profile by tag or username: trophies, level, rank', "Look up a gamer's account stats and rank"],
        params: { player: 'Player tag or username' },
        asks: ['Show my {game} stats, my tag is #{tag}', 'What rank is player {gamer} in {game}?', 'How many trophies do I have in {game}?'],
      },
      {
        op: 'match_history',
        desc: ['Recent matches / battle log of a player with results', 'Last games played with wins, losses and opponents'],
        params: { player: 'Player tag or username' },
        asks: ['Show my last battles in {game}', 'Did I win my recent {game} matches?'],
      },
      {
        op: 'leaderboard',
        desc: ['Global or regional leaderboard of top players', 'Top ranked players list'],
        params: { region: 'Region' },
        asks: ['Who are the top players in {game} right now?', '{game} leaderboard for Europe'],
      },
    ],
  },
  {
    domain: 'recipes',
    providers: ['Spoonacular', 'Edamam', 'TheMealDB', 'Tasty'],
    ops: [
      {
        op: 'search_recipes',
        desc: ['Find recipes by ingredients, cuisine or diet', 'Recipe search: dishes you can cook with given ingredients'],
        params: { ingredients: 'Ingredients', diet: 'Diet' },
        asks: ['What can I cook with {food} and rice?', 'Give me a vegetarian recipe for dinner', 'recipe ideas with {food}'],
      },
      {
        op: 'nutrition_facts',
        desc: ['Nutrition facts of a food or recipe: calories, protein, fat, carbs', 'Calorie and macronutrient breakdown of an ingredient'],
        params: { food: 'Food or recipe' },
        asks: ['How many calories are in {food}?', 'Protein content of 100g {food}'],
      },
      {
        op: 'meal_plan',
        desc: ['Generate a weekly meal plan for a calorie target and diet', 'Plan meals for the week with shopping list'],
        params: { calories: 'Daily calories', diet: 'Diet' },
        asks: ['Plan my meals for next week, 2000 kcal a day', 'Make me a keto meal plan'],
      },
    ],
  },
  {
    domain: 'restaurants',
    providers: ['Yelp', 'OpenTable', 'TheFork', 'Google Places', 'Resy'],
    ops: [
      {
        op: 'find_restaurants',
        desc: ['Find restaurants nearby by cuisine, rating and price', 'Search places to eat around a location'],
        params: { location: 'Location', cuisine: 'Cuisine' },
        asks: ['Good sushi places near {city} center?', 'Where can I eat Italian food in {city} tonight?'],
      },
      {
        op: 'book_table',
        desc: ['Reserve a table at a restaurant for a party size and time', 'Make a dinner reservation'],
        params: { restaurant: 'Restaurant', time: 'Date and time', party: 'Party size' },
        asks: ['Book a table for 4 at 8pm tonight', 'Reserve dinner for two on {date}'],
      },
    ],
  },
  {
    domain: 'food_delivery',
    providers: ['Uber Eats', 'DoorDash', 'Deliveroo', 'Just Eat'],
    ops: [
      {
        op: 'order_food',
        desc: ['Order food delivery from a restaurant menu', 'Place a takeaway order for delivery to an address'],
        params: { restaurant: 'Restaurant', items: 'Menu items', address: 'Delivery address' },
        asks: ['Order me a pizza for delivery', 'Get {food} delivered to my place'],
      },
      {
        op: 'track_delivery',
        desc: ['Track where my food delivery order is and its ETA', 'Status and courier location of a food order'],
        params: { order: 'Order id' },
        asks: ['Where is my food order?', 'How long until my takeaway arrives?'],
      },
    ],
  },
];
