// markdown-it ships no types; the tests use its parser only, through the shape they declare.
declare module 'markdown-it' {
  const MarkdownIt: unknown;
  export default MarkdownIt;
}
