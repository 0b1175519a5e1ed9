/** The websocket origin of the page's own server (same host and port, ws or wss). */
export function wsOrigin(location: Location = window.location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}
