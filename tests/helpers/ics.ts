// Reading ICS text in tests: unfold continuation lines and pick out the VEVENTs' properties.
export function unfold(ics: string): string {
  return ics.replace(/\r?\n[ \t]/g, "");
}

export interface IcsEvent {
  lines: string[];
  get(name: string): string | undefined;
}

export function parseIcs(ics: string): { method: string | undefined; events: IcsEvent[] } {
  const lines = unfold(ics).split(/\r?\n/);
  const method = lines.find((l) => l.startsWith("METHOD:"))?.slice("METHOD:".length);
  const events: IcsEvent[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT" && current) {
      const ev = current;
      events.push({
        lines: ev,
        get: (name) => ev.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, ""),
      });
      current = null;
    } else current?.push(line);
  }
  return { method, events };
}
