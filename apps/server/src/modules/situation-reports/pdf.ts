import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  SITUATION_REPORT_SECTIONS,
  SituationReportStatus,
  type SituationReport,
} from '@vaka/domain';
import { REPORT_WORDS, type ReportWords } from './words.ts';

const require = createRequire(import.meta.url);

// DejaVu Sans has every letter of the city languages (å ä ö, č ř ž š…); its licence (Bitstream
// Vera and public domain) allows embedding. pdfkit embeds only the glyphs a report uses.
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** A4 in PDF points, and the margins of the page. */
const MARGIN = 56;
const BODY_SIZE = 10.5;
const INK = '#1a1a1a';
const MUTED = '#555555';
const DRAFT_RED = '#b00020';

/** The city whose report it is: its name and time zone. */
export interface ReportCity {
  name: string;
  timeZone: string;
}

/**
 * The name a downloaded report is saved under, in its language: lagesrapport-3.pdf,
 * situation-report-3-v2.pdf, situacni-zprava-navrh.pdf.
 */
export function reportFileName(report: SituationReport): string {
  const words = REPORT_WORDS[report.language];
  const name =
    report.number === undefined
      ? `${words.fileName}-${words.draft.toLowerCase()}`
      : `${words.fileName}-${report.number}${report.version > 1 ? `-v${report.version}` : ''}`;
  // Plain letters only: some mail systems and file shares mangle the others in a file name.
  return `${name.normalize('NFD').replace(/\p{M}/gu, '')}.pdf`;
}

/**
 * A situation report as an A4 PDF in its language: the city, the number and version (or DRAFT on
 * every page of a draft), the period, who approved it when, each section, and when the next
 * report comes; numbered pages.
 */
export async function renderReportPdf(report: SituationReport, city: ReportCity): Promise<Buffer> {
  const words = REPORT_WORDS[report.language];
  const draft = report.status === SituationReportStatus.draft;
  const title = `${words.title} – ${city.name}`;
  const document = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: REGULAR_FONT,
    lang: words.locale,
    displayTitle: true,
    info: {
      Title:
        report.number === undefined
          ? title
          : `${title}, ${words.number(report.number, report.version)}`,
      Author: city.name,
      Subject: words.title,
    },
  });
  document.registerFont('regular', REGULAR_FONT);
  document.registerFont('bold', BOLD_FONT);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    document.on('end', resolve);
    document.on('error', reject);
  });

  const when = dateTimeWriter(words, city.timeZone);
  const width = document.page.width - 2 * MARGIN;

  document.font('bold').fontSize(20).fillColor(INK).text(words.title, { width });
  document.font('regular').fontSize(13).fillColor(MUTED).text(city.name, { width });
  document.moveDown(0.6);

  const facts: Array<[string, string]> = [
    [
      draft ? words.draft : words.number(report.number ?? 0, report.version),
      draft ? words.draftNotice : '',
    ],
    [words.period, `${when(report.periodFrom)} – ${when(report.periodTo)}`],
  ];
  if (report.approvedAt !== undefined) {
    facts.push([words.approved, `${when(report.approvedAt)}, ${report.approvedBy ?? ''}`]);
  }
  for (const [label, value] of facts) {
    document
      .font('bold')
      .fontSize(BODY_SIZE)
      .fillColor(draft && label === words.draft ? DRAFT_RED : INK)
      .text(value === '' ? label : `${label}: `, { width, continued: value !== '' });
    if (value !== '') document.font('regular').fillColor(INK).text(value, { width });
  }
  rule(document, width);

  for (const section of SITUATION_REPORT_SECTIONS) {
    heading(document, words.sections[section], width);
    const text = report.content[section].trim();
    document
      .font('regular')
      .fontSize(BODY_SIZE)
      .fillColor(text === '' ? MUTED : INK)
      .text(text === '' ? '—' : text, { width, lineGap: 2, paragraphGap: 3 });
  }
  heading(document, words.nextReport, width);
  document
    .font('regular')
    .fontSize(BODY_SIZE)
    .fillColor(INK)
    .text(
      report.content.nextReportAt === undefined
        ? words.nextReportUnset
        : when(report.content.nextReportAt),
      { width },
    );

  markPages(document, words, title, draft);
  document.end();
  await ended;
  return Buffer.concat(chunks);
}

function heading(document: PDFKit.PDFDocument, text: string, width: number): void {
  document.moveDown(0.9);
  // A heading never stands alone at the foot of a page.
  if (document.y > document.page.height - MARGIN - 60) document.addPage();
  document.font('bold').fontSize(13).fillColor(INK).text(text, { width });
  document.moveDown(0.25);
}

function rule(document: PDFKit.PDFDocument, width: number): void {
  document.moveDown(0.6);
  const y = document.y;
  document
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  document.moveDown(0.4);
}

/**
 * Writes on every page its number and the report's title at the foot, and on a draft a red DRAFT
 * line at the head and a large mark across the page, so that no page of a draft passes for an
 * approved report.
 */
function markPages(
  document: PDFKit.PDFDocument,
  words: ReportWords,
  title: string,
  draft: boolean,
): void {
  const { start, count } = document.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    document.switchToPage(index);
    const { width, height, margins } = document.page;
    // Writing in the margins must not start a new page.
    const bottom = margins.bottom;
    margins.bottom = 0;
    document
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(title, MARGIN, height - MARGIN + 18, { width: width - 2 * MARGIN, align: 'left' })
      .text(words.page(index - start + 1, count), MARGIN, height - MARGIN + 18, {
        width: width - 2 * MARGIN,
        align: 'right',
      });
    if (draft) {
      document
        .font('bold')
        .fontSize(9)
        .fillColor(DRAFT_RED)
        .text(`${words.draft} – ${words.draftNotice}`, MARGIN, MARGIN - 30, {
          width: width - 2 * MARGIN,
          align: 'center',
        });
      document.save();
      document.rotate(-40, { origin: [width / 2, height / 2] });
      document
        .font('bold')
        .fontSize(110)
        .fillColor(DRAFT_RED, 0.12)
        .text(words.draft, 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
      document.restore();
    }
    margins.bottom = bottom;
  }
  document.fillOpacity(1);
}

/** Writes a moment as a date and time in the city's time zone and the report's language. */
function dateTimeWriter(words: ReportWords, timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(words.locale, {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (iso) => format.format(new Date(iso));
}
