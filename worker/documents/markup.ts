// The inline markup and its converters live in lib/markup.ts (pure, shared with the client
// and the word count); the documents feature reads them from here too.
export * from "../lib/markup";
