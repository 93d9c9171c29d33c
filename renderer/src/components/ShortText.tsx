/** A name cut at 20 characters with "..." (UI.md §3 Tables); the whole of it on hover. */
export function ShortText({ text }: { text: string }) {
  return <span title={text}>{text.length > 20 ? `${text.slice(0, 20)}...` : text}</span>;
}
