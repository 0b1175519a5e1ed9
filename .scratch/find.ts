import * as Y from 'yjs';
const base = new Y.Doc();
base.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
base.getText('t').insert(0, 'hello world');
base.getMap('meta').set('x', 1);
const valid = Y.encodeStateAsUpdate(base);
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
let found = 0;
for (let i = 0; i < 200000 && found < 3; i++) {
	const u = valid.slice();
	const n = 1 + Math.floor(rnd() * 3);
	for (let k = 0; k < n; k++) u[Math.floor(rnd() * u.length)] = Math.floor(rnd() * 256);
	try { Y.decodeUpdate(u); } catch { continue; }
	const d = new Y.Doc();
	d.getXmlFragment('default'); d.getText('t'); d.getMap('meta');
	try { Y.applyUpdate(d, u); } catch (e) {
		found++;
		console.log(i, String(e).slice(0, 120), Buffer.from(u).toString('hex'));
	}
}
console.log('done', found);
