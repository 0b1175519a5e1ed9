/** What the status bar shows about the link to the server. */
export type ConnectionState = 'connecting' | 'online' | 'offline';
