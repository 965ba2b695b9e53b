/**
 * A JSON text column read back as the value it was written from. The type comes from where the value goes
 * (`const m: Measure = fromJsonColumn(e.measure)`); the column only ever holds what the service wrote.
 */
export function fromJsonColumn<T>(text: string): T {
  return JSON.parse(text) as T;
}
