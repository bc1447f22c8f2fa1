/**
 * A message for one field of a form, by the field's name as the server writes it (`name`,
 * `layers[0].participants[1]`, `steps[2].waitMinutes`): either a key of the form's own messages
 * or the server's sentence.
 */
export type FieldMessage<K extends string> =
  { readonly messageKey: K } | { readonly sentence: string };
export type FieldMessages<K extends string> = Readonly<Record<string, FieldMessage<K>>>;

/**
 * The field a refusal of the server names: the services' `layers[0].participants[1]: …` as it
 * is, and the schema's `body/changes/layers/0/handoffTime must match …` as
 * `layers[0].handoffTime`. Null when the sentence names no field.
 */
export function refusalField(message: string): string | null {
  const service = /^([A-Za-z]+(?:\[\d+\])*(?:\.[A-Za-z]+(?:\[\d+\])*)*):\s/.exec(message);
  if (service?.[1] !== undefined) return service[1];
  const schema = /^body((?:\/[A-Za-z0-9_]+)*)(?=\s|$)/.exec(message);
  if (schema?.[1] === undefined) return null;
  const parts = schema[1].split('/').filter((part) => part !== '');
  if (parts[0] === 'changes') parts.shift();
  const missing = / is missing the required field '([A-Za-z]+)'/.exec(message)?.[1];
  if (missing !== undefined) parts.push(missing);
  let field = '';
  for (const part of parts) {
    field += /^\d+$/.test(part) ? `[${part}]` : field === '' ? part : `.${part}`;
  }
  return field === '' ? null : field;
}

/**
 * The field a message shows at: the one named if the form has it, else the nearest that holds
 * it (`layers[0].shift.kind` shows at `layers[0].shift`); null when the form has none of them.
 */
export function nearestField(field: string, shown: ReadonlySet<string>): string | null {
  let candidate = field;
  for (;;) {
    if (shown.has(candidate)) return candidate;
    const shorter = candidate.replace(/(?:\[\d+\]|\.[A-Za-z]+)$/, '');
    if (shorter === candidate || shorter === '') return null;
    candidate = shorter;
  }
}

/** Where a refusal shows in a form with these fields, and its sentence without the field. */
export function placeRefusal(
  message: string,
  shown: ReadonlySet<string>,
): { readonly field: string; readonly sentence: string } | null {
  const named = refusalField(message);
  const field = named === null ? null : nearestField(named, shown);
  if (field === null) return null;
  // Next to the field its name is not repeated: `field: sentence`, `body/a/0/b must …`.
  const sentence = message.startsWith('body')
    ? message.replace(/^body\S*\s+/, '')
    : message.replace(/^[^:]*:\s*/, '');
  return { field, sentence };
}

/** The messages without those of these fields, once the person has changed them. */
export function withoutFields<K extends string>(
  messages: FieldMessages<K>,
  fields: readonly string[],
): FieldMessages<K> {
  if (!fields.some((field) => field in messages)) return messages;
  return Object.fromEntries(Object.entries(messages).filter(([field]) => !fields.includes(field)));
}
