// An article's body, shown so that nothing in it can run. The server already turns the
// Markdown into HTML through an allow-list sanitiser; this is the second wall. The HTML goes
// into an <iframe srcdoc> whose sandbox leaves out allow-scripts, so no <script>, event
// handler or javascript: URL in it can run whatever got through, and whose Content-Security-
// Policy (default-src 'none') also refuses scripts, frames, fetches and images from other
// sites. The sandbox keeps allow-same-origin only so that this page can read the frame's
// height and grow it to fit (without scripts, the frame cannot use that origin for anything),
// and allow-popups(-to-escape-sandbox) so that links open normally in a new tab.
// An iframe rather than innerHTML after a second sanitiser of our own: the browser's sandbox
// is a guarantee, a hand-written allow-list is one more thing to get right.

import { useEffect, useRef, useState } from "preact/hooks";

const SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

const STYLE = `
  html { -webkit-text-size-adjust: 100%; }
  body { margin: 0; color: rgba(0, 0, 0, 0.9); font-size: 17px; line-height: 1.75; overflow-wrap: anywhere; }
  body > :first-child { margin-top: 0; }
  body > :last-child { margin-bottom: 0; }
  h1, h2, h3, h4 { line-height: 1.4; margin: 1.2em 0 0.6em; }
  h1 { font-size: 22px; } h2 { font-size: 20px; } h3 { font-size: 18px; } h4 { font-size: 17px; }
  p, ul, ol, blockquote, pre, table { margin: 0 0 1em; }
  img { display: block; max-width: 100%; height: auto; margin: 0.5em auto; border-radius: 4px; }
  a { color: #576b95; text-decoration: none; }
  blockquote { padding: 0 0 0 12px; border-left: 3px solid #dbdbdb; color: rgba(0, 0, 0, 0.55); }
  code { padding: 1px 4px; border-radius: 3px; background: #f3f3f3; font-size: 0.9em; }
  pre { overflow-x: auto; padding: 12px; border-radius: 4px; background: #f6f6f6; font-size: 14px; line-height: 1.5; }
  pre code { padding: 0; background: none; }
  table { border-collapse: collapse; } th, td { padding: 4px 8px; border: 1px solid #e5e5e5; }
  hr { border: 0; border-top: 1px solid #e5e5e5; margin: 1.5em 0; }
`;

/** The frame's whole document: the policy first, then the style (in the app's `font`), then the article. */
function articleDocument(html: string, origin: string, font: string): string {
  const policy = `default-src 'none'; img-src ${origin} data:; style-src 'unsafe-inline'`;
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
    `<meta name="referrer" content="no-referrer"><base target="_blank">` +
    `<style>body { font-family: ${font}; }${STYLE}</style></head><body>${html}</body></html>`
  );
}

export function ArticleBody({ html, title }: { html: string; title: string }) {
  const observer = useRef<ResizeObserver | null>(null);
  const [height, setHeight] = useState(0);
  useEffect(() => () => observer.current?.disconnect(), []);

  // On each load of the document: fit the frame to its body, now and whenever it grows (images).
  function fit(frame: HTMLIFrameElement) {
    const body = frame.contentDocument?.body;
    if (!body) return;
    const measure = () => setHeight(Math.ceil(body.getBoundingClientRect().height));
    measure();
    observer.current?.disconnect();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(body);
  }

  return (
    <iframe
      class="oa-reader__frame"
      title={title}
      sandbox={SANDBOX}
      srcDoc={articleDocument(html, location.origin, getComputedStyle(document.body).fontFamily)}
      style={{ height: `${height}px` }}
      data-testid="article-body"
      onLoad={(event) => fit(event.currentTarget)}
    />
  );
}
