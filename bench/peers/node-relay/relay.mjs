// The Node `ws` peer: the same function as our relay, nothing more. Rooms by path
// (/v1/new/<id> opens, /v1/connect/<id> joins), the first two peers of a room glued, binary
// frames forwarded unchanged, the partner closed when one side leaves.
//   node relay.mjs --port 0 --port-file FILE
import { writeFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const arg = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? process.argv[i + 1] : d; };
const rooms = new Map();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(arg('port', 0)), maxPayload: 64 * 1024, perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('bridgelink.v1') ? 'bridgelink.v1' : false) });

wss.on('connection', (ws, req) => {
  const m = /^\/v1\/(new|connect)\/([0-9a-f]{32})$/.exec(req.url);
  if (!m) return ws.close(1008);
  const [, role, id] = m;
  let room = rooms.get(id);
  if (role === 'new') {
    if (room) return ws.close(1008);
    room = { a: ws, b: null };
    rooms.set(id, room);
  } else {
    if (!room || room.b) return ws.close(1008);
    room.b = ws;
  }
  const other = () => (room.a === ws ? room.b : room.a);
  ws.on('message', (data, isBinary) => {
    const peer = other();
    if (!isBinary || !peer) return ws.close(1008);
    peer.send(data, { binary: true });
  });
  ws.on('close', () => {
    const peer = other();
    if (rooms.get(id) === room) rooms.delete(id);
    if (peer && peer.readyState === peer.OPEN) peer.close(1001);
  });
});
wss.on('listening', () => {
  const file = arg('port-file');
  if (file) writeFileSync(file, `${wss.address().port}\n`);
});
