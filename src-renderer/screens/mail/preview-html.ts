/**
 * A mail's HTML as the app's own preview can show it. The page's content security policy admits
 * no inline styles, and the preview frame inherits it, so `style="white-space: pre-line"` (the
 * signature's line breaks) is ignored there; its line breaks become <br> instead. The mail itself
 * is sent unchanged: mail programs honour the inline style.
 */
export function previewHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of doc.querySelectorAll('[style]')) {
    if (!/white-space\s*:\s*pre-(line|wrap)/i.test(element.getAttribute('style') ?? '')) continue;
    breakLines(element);
  }
  return doc.body.innerHTML;
}

/** Each line break in the text of `element` becomes a <br>; leading and trailing ones are dropped. */
function breakLines(element: Element): void {
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    const value = text.data.replace(/\r\n?/g, '\n');
    if (!value.includes('\n')) continue;
    const lines = value.split('\n');
    const parts: Node[] = [];
    lines.forEach((line, i) => {
      if (i > 0) parts.push(element.ownerDocument.createElement('br'));
      if (line) parts.push(element.ownerDocument.createTextNode(line));
    });
    text.replaceWith(...parts);
  }
  // A break at the very start or end shows as an empty line, which pre-line does not.
  while (element.firstChild?.nodeName === 'BR') element.firstChild.remove();
  while (element.lastChild?.nodeName === 'BR') element.lastChild.remove();
}
