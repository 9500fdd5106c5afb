// Preloaded into the Agents Playground by `npm start` (node --require).
// The playground calls server.listen(port) with no host, which listens on every interface, and it
// chats as the demo Global admin against a bot whose authentication is off in local mode. Pinning
// host-less listen() calls to loopback keeps "local mode is reachable from this machine only" true.
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && typeof second !== 'string') {
    args.splice(1, 0, LOOPBACK);
  } else if (
    first &&
    typeof first === 'object' &&
    first.host === undefined &&
    first.path === undefined &&
    first.fd === undefined &&
    !(first instanceof net.Server) &&
    first._handle === undefined
  ) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return originalListen.apply(this, args);
};
