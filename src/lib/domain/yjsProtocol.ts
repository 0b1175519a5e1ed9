/**
 * Gongzhi's one extension to the y-websocket protocol. A client sends `[MESSAGE_ACK, seq]`
 * (two varUints) after its own updates; the server answers with the same message once every
 * message it received before it on that socket is stored. So an answered `seq` proves the server
 * holds everything the client sent up to it: that, and only that, clears "changes waiting".
 */
export const MESSAGE_ACK = 100;
