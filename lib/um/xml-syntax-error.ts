/** Its message is fit to show a person; the parser's own words are kept in `parserMessage` for logs. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly forbiddenMarkup = false,
    readonly parserMessage?: string,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}
