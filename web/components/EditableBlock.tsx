// One block of rich text edited in place (the restricted inline markup: bold, italic, line
// breaks), shared by the document editor and the report workspace. Uncontrolled: React sets
// the content once; the browser owns it afterwards and the parent reads it back.
import { useLayoutEffect, useRef, type ClipboardEvent, type FormEvent, type KeyboardEvent } from "react";
import { sanitizeInline } from "../../worker/documents/markup";

/** The html after the caret (removed from the element) and the html before it. */
export function splitAtCaret(el: HTMLElement): { head: string; tail: string } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !el.contains(sel.getRangeAt(0).startContainer)) return null;
  const range = sel.getRangeAt(0);
  range.deleteContents();
  const rest = document.createRange();
  rest.setStart(range.endContainer, range.endOffset);
  rest.setEnd(el, el.childNodes.length);
  const box = document.createElement("div");
  box.appendChild(rest.extractContents());
  return { head: sanitizeInline(el.innerHTML), tail: sanitizeInline(box.innerHTML) };
}

export function EditableBlock({
  block,
  label,
  register,
  autoFocus,
  onInput,
  onPaste,
  onKeyDown,
  className = "block-text",
  describedBy,
  readOnly = false,
}: {
  block: { html: string };
  label: string;
  register?: (el: HTMLDivElement | null) => void;
  autoFocus: boolean;
  onInput: (e: FormEvent<HTMLDivElement>) => void;
  onPaste?: (e: ClipboardEvent<HTMLDivElement>) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  className?: string;
  describedBy?: string;
  readOnly?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Uncontrolled: React sets the content once; the browser owns it afterwards.
  useLayoutEffect(() => {
    const el = ref.current!;
    el.innerHTML = sanitizeInline(block.html);
    register?.(el);
    if (autoFocus) {
      el.focus();
      const r = document.createRange();
      r.selectNodeContents(el);
      r.collapse(true);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(r);
    }
    return () => register?.(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div
      ref={ref}
      className={className}
      dir="auto"
      contentEditable={!readOnly}
      suppressContentEditableWarning
      role="textbox"
      aria-multiline="true"
      aria-label={label}
      aria-describedby={describedBy}
      aria-readonly={readOnly || undefined}
      tabIndex={0}
      onInput={onInput}
      onPaste={onPaste}
      onKeyDown={onKeyDown}
    />
  );
}
