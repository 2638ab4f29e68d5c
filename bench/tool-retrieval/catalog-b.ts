/** Evaluation catalog, part B: work, productivity and developer tools. */
import type { DomainSpec } from './catalog-types.js';

export const CATALOG_B: DomainSpec[] = [
  {
    domain: 'email',
    providers: ['Gmail', 'Outlook', 'Fastmail', 'ProtonMail', 'SendGrid'],
    ops: [
      {
        op: 'send_email',
        desc: ['Send an email to recipients with subject and body', 'Compose and deliver an email message'],
        params: { to: 'Recipients', subject: 'Subject', body: 'Body' },
        asks: ['Email {person} that the meeting moved to Friday', 'Send a message to {person} saying thanks'],
      },
      {
        op: 'search_inbox',
        desc: ['Search the mailbox for emails by sender, subject or text', 'Find messages in my inbox matching a query'],
        params: { query: 'Search query' },
        asks: ['Find the email from {person} about the contract', 'Did {company} send me a receipt by mail?'],
      },
      {
        op: 'summarize_unread',
        desc: ['List unread emails with short summaries', 'What is new in the inbox since last check'],
        params: { limit: 'How many' },
        asks: ['Any unread mail I should look at?', 'Summarize my new emails'],
      },
    ],
  },
  {
    domain: 'calendar',
    providers: ['Google Calendar', 'Outlook Calendar', 'Apple iCloud Calendar', 'Calendly', 'Cal.com'],
    ops: [
      {
        op: 'create_event',
        desc: ['Create a calendar event with title, time and attendees', 'Schedule a meeting on the calendar and invite people'],
        params: { title: 'Title', start: 'Start time', attendees: 'Attendees' },
        asks: ['Schedule a meeting with {person} tomorrow at 3pm', 'Put dentist appointment on my calendar for {date}'],
      },
      {
        op: 'list_events',
        desc: ['List upcoming calendar events in a time range', 'What is on my agenda for a day'],
        params: { from: 'From', to: 'To' },
        asks: ['What meetings do I have tomorrow?', "What's on my agenda for {date}?"],
      },
      {
        op: 'find_free_slot',
        desc: ['Find free time slots when all attendees are available', "Suggest meeting times that fit everyone's availability"],
        params: { attendees: 'Attendees', duration: 'Minutes' },
        asks: ['When are {person} and I both free this week?', 'Find a 30 minute slot for a call with the team'],
      },
    ],
  },
  {
    domain: 'tasks',
    providers: ['Todoist', 'Asana', 'Trello', 'Microsoft To Do', 'TickTick', 'Things'],
    ops: [
      {
        op: 'add_task',
        desc: ['Add a to-do item with optional due date and project', 'Create a task in the task list'],
        params: { title: 'Task', due: 'Due date' },
        asks: ['Remind me to buy milk tomorrow, add it to my todo list', 'Add a task: renew passport by {date}'],
      },
      {
        op: 'list_tasks',
        desc: ['List open to-dos, filtered by project or due date', 'Show tasks due today or overdue'],
        params: { filter: 'Filter' },
        asks: ['What is on my to-do list today?', 'Which tasks are overdue?'],
      },
      {
        op: 'complete_task',
        desc: ['Mark a task as done', 'Complete / check off a to-do item'],
        params: { task: 'Task id' },
        asks: ['Mark the groceries task as done', 'I finished the report, check it off'],
      },
    ],
  },
  {
    domain: 'notes',
    providers: ['Notion', 'Evernote', 'Obsidian', 'Google Keep', 'Apple Notes'],
    ops: [
      {
        op: 'create_note',
        desc: ['Create a note or page with text content', 'Save a new note in the notebook'],
        params: { title: 'Title', content: 'Content' },
        asks: ['Save a note with these meeting minutes', 'Write this idea down in my notes'],
      },
      {
        op: 'search_notes',
        desc: ['Full-text search across notes and pages', 'Find a note by keyword'],
        params: { query: 'Query' },
        asks: ['Find my notes about the {topic} project', 'Where did I write down the wifi password note?'],
      },
    ],
  },
  {
    domain: 'chat',
    providers: ['Slack', 'Microsoft Teams', 'Discord', 'Telegram', 'WhatsApp Business', 'Mattermost'],
    ops: [
      {
        op: 'post_message',
        desc: ['Post a message to a channel or user', 'Send a chat message to a channel'],
        params: { channel: 'Channel', text: 'Text' },
        asks: ['Tell the #general channel that the deploy is done', 'Message {person} on chat that I am running late'],
      },
      {
        op: 'read_channel',
        desc: ['Read recent messages of a channel or conversation', 'Fetch the latest chat history of a channel'],
        params: { channel: 'Channel', limit: 'How many' },
        asks: ['What did people say in #random today?', 'Catch me up on the team channel'],
      },
    ],
  },
  {
    domain: 'github',
    providers: ['GitHub', 'GitLab', 'Bitbucket', 'Gitea'],
    ops: [
      {
        op: 'list_pull_requests',
        desc: ['List open pull requests / merge requests of a repository', 'Pull requests waiting for review in a repo'],
        params: { repo: 'owner/name' },
        asks: ['Which PRs are open on {repo}?', 'Show merge requests waiting for my review'],
      },
      {
        op: 'create_issue',
        desc: ['Open a new issue in a repository with title and body', 'File a bug report in the issue tracker of a repo'],
        params: { repo: 'owner/name', title: 'Title', body: 'Body' },
        asks: ['File a bug on {repo}: login page crashes', 'Open an issue about the broken build'],
      },
      {
        op: 'ci_status',
        desc: ['Status of CI pipelines / workflow runs for a branch', 'Did the build pass? Latest pipeline results'],
        params: { repo: 'owner/name', branch: 'Branch' },
        asks: ['Is the CI green on main for {repo}?', 'Why did the pipeline fail on my branch?'],
      },
      {
        op: 'search_code',
        desc: ['Search source code across repositories', 'Find where a function is defined in the code'],
        params: { query: 'Query' },
        asks: ['Where is parseConfig defined in our code?', 'Search the codebase for TODO comments'],
      },
    ],
  },
  {
    domain: 'issue_tracking',
    providers: ['Jira', 'Linear', 'YouTrack', 'ClickUp', 'Shortcut'],
    ops: [
      {
        op: 'create_ticket',
        desc: ['Create a ticket / story in a project with priority and assignee', 'Add a new work item to the sprint backlog'],
        params: { project: 'Project', title: 'Title', priority: 'Priority' },
        asks: ['Create a high priority ticket for the payment bug', 'Add a story to the backlog for dark mode'],
      },
      {
        op: 'sprint_board',
        desc: ['Show the current sprint board: tickets by status', 'Progress of the active sprint and who works on what'],
        params: { project: 'Project' },
        asks: ['How is the sprint going?', 'What tickets are in progress this sprint?'],
      },
      {
        op: 'update_ticket_status',
        desc: ['Move a ticket to another status (in progress, review, done)', 'Transition a work item through the workflow'],
        params: { ticket: 'Ticket key', status: 'Status' },
        asks: ['Move ticket ABC-123 to done', 'Set my bug ticket to in review'],
      },
    ],
  },
  {
    domain: 'cloud',
    providers: ['AWS', 'Google Cloud', 'Azure', 'DigitalOcean', 'Hetzner', 'Fly.io'],
    ops: [
      {
        op: 'list_servers',
        desc: ['List virtual machines / compute instances with state and region', 'Show running servers in the cloud account'],
        params: { region: 'Region' },
        asks: ['Which servers are running in our cloud account?', 'List my VMs in {region}'],
      },
      {
        op: 'cloud_costs',
        desc: ['Cloud spending this month broken down by service', 'Billing and cost report of the cloud account'],
        params: { month: 'Month' },
        asks: ['How much did we spend on cloud this month?', 'Why is our hosting bill so high?'],
      },
      {
        op: 'restart_server',
        desc: ['Reboot a virtual machine instance', 'Restart a server by id'],
        params: { id: 'Instance id' },
        asks: ['Restart the web server instance', 'Reboot the VM that hangs'],
      },
    ],
  },
  {
    domain: 'monitoring',
    providers: ['Datadog', 'Sentry', 'PagerDuty', 'Grafana', 'New Relic', 'UptimeRobot'],
    ops: [
      {
        op: 'recent_errors',
        desc: ['Recent application errors and exceptions with counts', 'Top crash reports and stack traces from production'],
        params: { project: 'Project', since: 'Since' },
        asks: ['Any new errors in production since the deploy?', 'What exceptions are users hitting today?'],
      },
      {
        op: 'uptime_status',
        desc: ['Uptime and response time of monitored websites', 'Is the site up? Current status of health checks'],
        params: { monitor: 'Monitor' },
        asks: ['Is our website down?', 'What was the uptime of the API last week?'],
      },
      {
        op: 'on_call',
        desc: ['Who is on call now and open incidents', 'Current on-call engineer and incident pages'],
        params: { schedule: 'Schedule' },
        asks: ['Who is on call right now?', 'Are there open incidents?'],
      },
    ],
  },
  {
    domain: 'databases',
    providers: ['PostgreSQL', 'MySQL', 'MongoDB Atlas', 'Supabase', 'Airtable', 'Google Sheets'],
    ops: [
      {
        op: 'run_query',
        desc: ['Run a read-only query against the database and return rows', 'Execute SQL / a query and fetch the results'],
        params: { query: 'Query' },
        asks: ['How many users signed up yesterday? Query the database', 'Run this SQL: select count(*) from orders'],
      },
      {
        op: 'insert_row',
        desc: ['Insert a record / row into a table', 'Append a new row to the sheet or table'],
        params: { table: 'Table', values: 'Values' },
        asks: ['Add a row to the leads table for {company}', 'Append this entry to my spreadsheet'],
      },
    ],
  },
  {
    domain: 'files',
    providers: ['Google Drive', 'Dropbox', 'OneDrive', 'Box', 'iCloud Drive'],
    ops: [
      {
        op: 'search_files',
        desc: ['Search files and folders in cloud storage by name or content', 'Find a document in the drive'],
        params: { query: 'Query' },
        asks: ['Find the Q3 report file in my drive', 'Where is my passport scan stored?'],
      },
      {
        op: 'share_file',
        desc: ['Share a file or folder with someone via link or email', 'Give a person access to a document'],
        params: { file: 'File id', with: 'Email' },
        asks: ['Share the budget spreadsheet with {person}', 'Send {person} a link to the presentation file'],
      },
      {
        op: 'upload_file',
        desc: ['Upload a file to cloud storage', 'Store a document in a folder of the drive'],
        params: { path: 'Folder', content: 'Content' },
        asks: ['Upload this PDF to my documents folder', 'Back up this file to the cloud'],
      },
    ],
  },
  {
    domain: 'documents',
    providers: ['DocuSign', 'Adobe PDF', 'PandaDoc', 'HelloSign'],
    ops: [
      {
        op: 'send_for_signature',
        desc: ['Send a document for e-signature to signers', 'Request an electronic signature on a contract'],
        params: { document: 'Document', signers: 'Signers' },
        asks: ['Send the contract to {person} to sign', 'Get this NDA e-signed'],
      },
      {
        op: 'extract_pdf_text',
        desc: ['Extract text and tables from a PDF', 'Read the contents of a PDF document'],
        params: { file: 'PDF file' },
        asks: ['What does this PDF say?', 'Pull the table out of this PDF invoice'],
      },
    ],
  },
  {
    domain: 'crm',
    providers: ['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho CRM', 'Close'],
    ops: [
      {
        op: 'find_contact',
        desc: ['Look up a contact or lead by name, email or company', 'Search CRM contacts'],
        params: { query: 'Name, email or company' },
        asks: ['What do we know about {person} from {company}?', 'Find the contact details of our lead at {company}'],
      },
      {
        op: 'deal_pipeline',
        desc: ['Open deals by stage with value and expected close date', 'Sales pipeline overview'],
        params: { owner: 'Owner' },
        asks: ['How is our sales pipeline looking this quarter?', 'Which deals are about to close?'],
      },
      {
        op: 'log_activity',
        desc: ['Log a call, meeting or note on a contact or deal', 'Record a sales activity in the CRM'],
        params: { contact: 'Contact', note: 'Note' },
        asks: ['Log that I called {person} and they want a demo', 'Add a note to the {company} deal'],
      },
    ],
  },
  {
    domain: 'support',
    providers: ['Zendesk', 'Intercom', 'Freshdesk', 'Help Scout'],
    ops: [
      {
        op: 'open_tickets',
        desc: ['List open customer support tickets by priority', 'Support queue: unanswered customer requests'],
        params: { priority: 'Priority' },
        asks: ['How many support tickets are waiting?', 'Show urgent customer complaints'],
      },
      {
        op: 'reply_ticket',
        desc: ['Reply to a customer support ticket', 'Answer a customer conversation'],
        params: { ticket: 'Ticket id', text: 'Reply' },
        asks: ['Reply to the customer that the refund is on its way', 'Answer ticket 4411 with the reset instructions'],
      },
    ],
  },
  {
    domain: 'ecommerce',
    providers: ['Shopify', 'WooCommerce', 'BigCommerce', 'Etsy', 'Amazon Seller'],
    ops: [
      {
        op: 'recent_orders',
        desc: ['Recent store orders with status and totals', 'List new orders from the online shop'],
        params: { since: 'Since' },
        asks: ['How many orders did my shop get today?', 'Show the latest orders in my store'],
      },
      {
        op: 'inventory_levels',
        desc: ['Stock levels of products and low-stock alerts', 'How many units of each product are left'],
        params: { sku: 'SKU' },
        asks: ['Which products are running out of stock?', 'How many units of the blue t-shirt are left?'],
      },
      {
        op: 'update_price',
        desc: ['Change the price of a product', 'Set a new price or discount on an item'],
        params: { sku: 'SKU', price: 'Price' },
        asks: ['Lower the price of the mug to 12 dollars', 'Put 20% off on the summer collection'],
      },
    ],
  },
  {
    domain: 'shipping',
    providers: ['UPS', 'FedEx', 'DHL', 'USPS', 'Royal Mail', 'AfterShip'],
    ops: [
      {
        op: 'track_package',
        desc: ['Track a parcel by tracking number: status and delivery estimate', 'Where is my package? Shipment tracking events'],
        params: { tracking: 'Tracking number' },
        asks: ['Where is my package {tracking}?', 'When will my parcel arrive?', 'track shipment {tracking}'],
      },
      {
        op: 'shipping_rates',
        desc: ['Compare shipping rates for a parcel size and destination', 'Quote the cost to ship a package'],
        params: { from: 'From', to: 'To', weight: 'Weight kg' },
        asks: ['How much does it cost to ship a 2kg box to {country}?', 'Cheapest way to send a parcel abroad'],
      },
    ],
  },
];
