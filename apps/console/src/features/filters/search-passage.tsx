import { splitPassage } from './passage-parts.ts';

/** A passage the search found, its matched words marked; always shown as text, never as HTML. */
export function SearchPassage({
  text,
  className,
}: {
  readonly text: string;
  readonly className?: string;
}) {
  return (
    <span className={className} data-testid="search-passage">
      {splitPassage(text).map((part, index) =>
        part.matched ? <mark key={index}>{part.text}</mark> : part.text,
      )}
    </span>
  );
}
