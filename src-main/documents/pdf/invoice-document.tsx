/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The document template (invoices, credit notes, reminder letters, payment receipts): A4, DIN 5008 form B letterhead on the first page, the
 * line table over as many pages as needed with its header repeated, the VAT breakdown, totals,
 * payment terms with GiroCode, legal notes and the note, and the company footer with "Seite X
 * von Y" on every page. Pages are cut in advance (layout.ts), so every <Page> is final and no
 * render callback is needed for the page numbers; tables are painted grids (painted.ts).
 */
import type { ReactElement } from 'react';
import { Canvas, Document, Image, Page, Text, View, type Styles } from '@react-pdf/renderer';
import type { DocumentContent } from './content.js';
import type { DocumentFonts } from './fonts.js';
import { NEXT_BODY_TOP } from './geometry.js';
import { footerGrid, tableGrid, type Grid } from './grids.js';
import { TABLE_GAP, type Block, type DocumentPlan, type PagePlan } from './layout.js';
import { paintGrid } from './painted.js';
import { stylesFor } from './styles.js';

export type DocumentImages = {
  logo?: { data: Buffer; format: 'png' | 'jpg' };
  /** PNG data URL of the GiroCode. */
  girocode?: string;
};

type Props = { content: DocumentContent; plan: DocumentPlan; fonts: DocumentFonts; images: DocumentImages };
type TemplateStyles = ReturnType<typeof stylesFor>;
type Style = Styles[string];

export function InvoiceDocument({ content, plan, fonts, images }: Props): ReactElement {
  const { meta } = content;
  const s = stylesFor(fonts.family, plan.sheet);
  const { footer } = plan;
  return (
    <Document
      title={meta.title}
      author={meta.author}
      creator="Rechnungswerk"
      producer="Rechnungswerk"
      creationDate={meta.date}
      modificationDate={meta.date}
      language={meta.language}
    >
      {plan.pages.map((page, index) => (
        <Page key={index} size="A4" orientation={plan.sheet.landscape ? 'landscape' : 'portrait'} style={s.page} wrap={false}>
          {index === 0 ? <Letterhead {...{ content, plan, fonts, images, s }} /> : <Text style={s.continuation}>{content.continuation}</Text>}
          <Body page={page} top={index === 0 ? plan.firstBodyTop : NEXT_BODY_TOP} {...{ content, plan, fonts, images, s }} />
          <Painted
            style={{ ...s.footer, top: footer.top }}
            grid={footerGrid(footer.columns, footer.widths, content.pageLabel(index + 1, plan.pages.length), plan.sheet.footerWidth)}
            fonts={fonts}
          />
        </Page>
      ))}
    </Document>
  );
}

function Letterhead({ content, plan, fonts, images, s }: Props & { s: TemplateStyles }) {
  return (
    <>
      {plan.sheet.landscape ? null : (
        <>
          <View style={[s.foldMark, s.fold1]} />
          <View style={[s.holeMark]} />
          <View style={[s.foldMark, s.fold2]} />
        </>
      )}
      {images.logo ? <Image style={s.logo} src={images.logo} /> : <Text style={s.company}>{content.meta.author}</Text>}
      <Text style={[s.senderLine, { fontSize: plan.senderSize }]}>{content.senderLine}</Text>
      <Lines lines={plan.address} style={s.addressLine} box={s.address} />
      <Painted style={s.info} grid={plan.info} fonts={fonts} />
      <Text style={s.title}>{content.title}</Text>
      {content.subtitle ? <Text style={s.subtitle}>{content.subtitle}</Text> : null}
    </>
  );
}

function Body({ page, top, plan, fonts, images, s }: Props & { page: PagePlan; top: number; s: TemplateStyles }) {
  return (
    <View style={[s.body, { top }]}>
      {page.lead.map((block, i) => (
        <BlockView key={`lead-${i}`} block={block} fonts={fonts} images={images} s={s} />
      ))}
      {page.rows.length ? <Painted style={page.lead.length ? { marginTop: TABLE_GAP } : undefined} grid={tableGrid(plan.header, page.rows)} fonts={fonts} /> : null}
      {page.blocks.map((block, i) => (
        <BlockView key={i} block={block} fonts={fonts} images={images} s={s} />
      ))}
    </View>
  );
}

function BlockView({ block, fonts, images, s }: { block: Block; fonts: DocumentFonts; images: DocumentImages; s: TemplateStyles }) {
  // No height on text: its natural height is the planned one, and a fixed height that yoga rounds
  // to float32 would be a hair short of the last line, which react-pdf then drops.
  const box = { marginTop: block.gap };
  if (block.kind === 'grid') return <Painted style={box} grid={block.grid} fonts={fonts} />;
  if (block.kind === 'text') {
    return <Lines lines={block.lines} style={block.size === 'table' ? s.textTable : block.bold ? s.textBodyBold : s.textBody} box={box} />;
  }
  return (
    <View style={[s.payment, box]}>
      <Lines lines={block.lines} style={s.textBody} />
      {images.girocode ? (
        <View style={s.qrBox}>
          <Image style={s.qr} src={images.girocode} />
          <Lines lines={block.caption} style={s.qrCaption} box={s.qrCaptionBox} />
        </View>
      ) : null}
    </View>
  );
}

/** A grid of measured cells, painted in one go. */
function Painted({ grid, fonts, style }: { grid: Grid; fonts: DocumentFonts; style?: Style }) {
  return <Canvas style={style ? [style, { height: grid.height }] : { height: grid.height }} paint={paintGrid(grid, fonts)} />;
}

/**
 * Lines broken in advance, one text node each: a line break inside a text node would be set in
 * react-pdf's fallback font (Helvetica, which is not embedded) and is not needed anyway.
 */
function Lines({ lines, style, box }: { lines: readonly string[]; style: Style; box?: Style }) {
  if (lines.length === 1) return <Text style={box ? [style, box] : style}>{lines[0]}</Text>;
  return (
    <View style={box}>
      {lines.map((line, i) => (
        <Text key={i} style={style}>
          {line}
        </Text>
      ))}
    </View>
  );
}
