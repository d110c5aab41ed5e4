// When the GPU has finished what a WebGL canvas was asked to draw: a fence, looked at once per animation frame.

/** Longest wait for a fence (ms): a lost context or a driver that never signals cannot stall the caller. */
export const GPU_WAIT_MS = 2000;

/**
 * Calls `done` once the GPU has executed every command issued so far to `canvas`'s WebGL 2
 * context (a fence sync, polled without blocking at each animation frame), or after GPU_WAIT_MS.
 * On software WebGL the browser draws a map frame long after the page has issued it, and this
 * is when that frame's cost is really paid. Without a WebGL 2 canvas it waits two animation
 * frames.
 * Returns a cancel.
 */
export function whenGpuDone(canvas: HTMLCanvasElement | undefined, done: () => void): () => void {
  const gl = canvas?.getContext('webgl2');
  const sync = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) ?? null;
  gl?.flush();
  const until = performance.now() + GPU_WAIT_MS;
  let frames = 0;
  let id = 0;
  const finish = () => {
    if (sync) gl?.deleteSync(sync);
    done();
  };
  const look = () => {
    frames++;
    const signalled = sync
      ? gl?.getSyncParameter(sync, gl.SYNC_STATUS) === gl?.SIGNALED
      : frames >= 2;
    if (signalled || performance.now() >= until) finish();
    else id = requestAnimationFrame(look);
  };
  id = requestAnimationFrame(look);
  return () => {
    cancelAnimationFrame(id);
    if (sync) gl?.deleteSync(sync);
  };
}
