/** Style objects of the document template, created once per font family and reused on every page. */
import { CONTINUATION_TOP, LEADING, LEFT, LINE_HEIGHT, MM, PORTRAIT, QR_BOX_WIDTH, QR_SIZE, SIZE, type Sheet, type TextSize } from './geometry.js';
import { INK, MUTED } from './grids.js';

const cache = new Map<string, ReturnType<typeof build>>();

export function stylesFor(family: string, sheet: Sheet = PORTRAIT) {
  const key = `${family}:${sheet.landscape ? 'landscape' : 'portrait'}`;
  let styles = cache.get(key);
  if (!styles) {
    styles = build(family, sheet);
    cache.set(key, styles);
  }
  return styles;
}

const text = (size: TextSize, extra: Record<string, unknown> = {}) => ({ fontSize: SIZE[size], lineHeight: LINE_HEIGHT, ...extra });
const mark = { position: 'absolute', left: 4 * MM, borderTopWidth: 0.5, borderTopColor: '#999999' } as const;

function build(family: string, sheet: Sheet) {
  return {
    // Pages are cut in advance and never wrap; react-pdf then sizes a page by its content, so its height is fixed here.
    page: { fontFamily: family, color: INK, fontSize: SIZE.body, minHeight: sheet.height, maxHeight: sheet.height },
    // DIN 5008 form B: fold marks at 105 and 210 mm, hole mark at 148.5 mm.
    foldMark: { ...mark, width: 5 * MM },
    fold1: { top: 105 * MM },
    fold2: { top: 210 * MM },
    holeMark: { ...mark, width: 7 * MM, top: 148.5 * MM },
    logo: { position: 'absolute', top: 10 * MM, right: 20 * MM, width: 60 * MM, height: 22 * MM, objectFit: 'contain', objectPositionX: '100%' },
    company: { position: 'absolute', top: 12 * MM, right: 20 * MM, width: 90 * MM, textAlign: 'right', fontWeight: 'bold', ...text('title') },
    // Address window 20 mm from the left, 45 mm from the top, 85 x 45 mm: the sender line at the
    // bottom of its 17.7 mm remark zone, the address in its 27.3 mm address zone, 5 mm indented.
    senderLine: { position: 'absolute', top: 57 * MM, left: LEFT, width: 80 * MM, textDecoration: 'underline', color: MUTED, lineHeight: LINE_HEIGHT },
    address: { position: 'absolute', top: 62.7 * MM, left: LEFT, width: 80 * MM },
    addressLine: text('body'),
    info: { position: 'absolute', top: 50 * MM, left: sheet.infoLeft, width: 75 * MM },
    title: { position: 'absolute', top: sheet.titleTop, left: LEFT, fontWeight: 'bold', ...text('title') },
    subtitle: { position: 'absolute', top: sheet.titleTop + LEADING.title, left: LEFT, ...text('body') },
    continuation: { position: 'absolute', top: CONTINUATION_TOP, left: LEFT, width: sheet.content, fontWeight: 'bold', ...text('info') },
    body: { position: 'absolute', left: LEFT, width: sheet.content },
    payment: { flexDirection: 'row', justifyContent: 'space-between' },
    qrBox: { width: QR_BOX_WIDTH, alignItems: 'center' },
    qr: { width: QR_SIZE, height: QR_SIZE },
    qrCaptionBox: { marginTop: 3, width: QR_BOX_WIDTH },
    qrCaption: text('small', { textAlign: 'center', color: MUTED }),
    textBody: text('body'),
    textBodyBold: text('body', { fontWeight: 'bold' }),
    textTable: text('table', { color: MUTED }),
    footer: { position: 'absolute', left: 20 * MM, width: sheet.footerWidth },
  } as const;
}
