/** One event the harness reported from inside the sandbox. */
export interface HarnessEvent {
  event: "compile" | "start" | "error" | "test" | "done";
  data: Record<string, unknown>;
}

/**
 * Reads the harness's marker lines (`@@RK:<nonce>:<event>:<json>`) from stderr and returns the other text
 * as the program's own stderr. Lines without this run's nonce are the program's text, not events.
 * @example readMarkers('\n@@RK:ab:test:{"i":0,"ok":true}\n', "ab").events[0].event // "test"
 */
export function readMarkers(stderr: string, nonce: string): { events: HarnessEvent[]; rest: string } {
  const tag = `@@RK:${nonce}:`;
  const events: HarnessEvent[] = [];
  const rest: string[] = [];
  for (const line of stderr.split("\n")) {
    if (!line.startsWith(tag)) {
      rest.push(line);
      continue;
    }
    const body = line.slice(tag.length);
    const colon = body.indexOf(":");
    const event = body.slice(0, colon) as HarnessEvent["event"];
    try {
      const data = JSON.parse(body.slice(colon + 1));
      if (data && typeof data === "object") events.push({ event, data });
    } catch {}
  }
  const text = rest.join("\n");
  let a = 0;
  let b = text.length;
  while (a < b && text.charCodeAt(a) === 10) a++;
  while (b > a && text.charCodeAt(b - 1) === 10) b--;
  return { events, rest: text.slice(a, b) };
}
