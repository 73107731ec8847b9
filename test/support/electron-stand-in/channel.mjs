// The stand-in's line to the test that forked this process (child_process.fork's IPC).
export function report(kind, data = {}) {
  if (process.connected) process.send({ kind, ...data });
}
