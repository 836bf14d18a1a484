import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';
import { AnswerRow } from '../../appeals/appeals.service';
import { AppealDetailDto } from '../../appeals/dto/appeal.dto';
import { Texts } from '../i18n';
import { CaseExtras } from './appeal.view';

/**
 * The case documents an applicant keeps: the registration confirmation (Art. 7.1: number, receipt,
 * term) and the reasoned answer (Art. 7.5). Labels in the page's language; the answer's text is
 * the state language's, as given. The fonts are DejaVu from the npm package `dejavu-fonts-ttf`,
 * embedded (subset) in every file, so ə, ğ, ı, ş, ç, ö, ü, Ə, İ read the same on any machine and
 * through `pdftotext`; no system font is ever looked up.
 */
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

interface Field {
  readonly label: string;
  readonly value: string;
}

const MARGIN = 56;

/** One document: a title, label/value lines, then free paragraphs; returned whole (a page or two, never streamed). */
function render(
  t: Texts,
  title: string,
  fields: readonly Field[],
  sections: ReadonlyArray<{ heading: string; body: string }>,
  note: string,
): Promise<Buffer> {
  // `font` replaces pdfkit's default Helvetica (a standard font without ə), so no other font is ever loaded.
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: FONTS.regular,
    lang: t.lang,
    info: { Title: title, Creator: 'e-Müraciət' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(16).text(title);
  doc.moveDown();
  for (const field of fields) {
    doc.font('bold').fontSize(10).fillColor('#444').text(field.label);
    doc.font('regular').fontSize(12).fillColor('#000').text(field.value);
    doc.moveDown(0.5);
  }
  for (const section of sections) {
    doc.moveDown(0.5);
    doc.font('bold').fontSize(12).text(section.heading);
    doc.font('regular').fontSize(11).text(section.body, { align: 'left' });
  }
  doc.moveDown();
  doc.font('regular').fontSize(9).fillColor('#444').text(note);
  doc.end();
  return done;
}

function caseFields(t: Texts, appeal: AppealDetailDto, extras: Pick<CaseExtras, 'agencyName'>): Field[] {
  return [
    { label: t.msg('pdf.number'), value: appeal.registrationNumber },
    { label: t.msg('pdf.receivedOn'), value: t.date(appeal.receivedOn) },
    { label: t.msg('pdf.dueDate'), value: t.date(appeal.reviewDueDate) },
    { label: t.msg('pdf.agency'), value: extras.agencyName(appeal.agencyId) },
    { label: t.msg('pdf.type'), value: t.msg(`type.${appeal.type}`) },
    { label: t.msg('pdf.subject'), value: appeal.subject },
  ];
}

function footer(t: Texts, issuedAt: Date): string {
  return `${t.msg('pdf.law')} ${t.msg('pdf.issued', { date: t.dateTime(issuedAt) })}`;
}

export function registrationPdf(
  t: Texts,
  appeal: AppealDetailDto,
  extras: Pick<CaseExtras, 'agencyName'>,
  issuedAt: Date,
): Promise<Buffer> {
  return render(
    t,
    t.msg('pdf.registrationTitle'),
    caseFields(t, appeal, extras),
    [],
    `${t.msg('pdf.registrationNote')} ${footer(t, issuedAt)}`,
  );
}

export function answerPdf(
  t: Texts,
  appeal: AppealDetailDto,
  extras: Pick<CaseExtras, 'agencyName'>,
  answer: AnswerRow,
  issuedAt: Date,
): Promise<Buffer> {
  return render(
    t,
    t.msg('pdf.answerTitle'),
    [
      ...caseFields(t, appeal, extras),
      { label: t.msg('pdf.answeredOn'), value: t.date(answer.dispatchedOn) },
      { label: t.msg('pdf.channel'), value: t.msg(`pdf.channels.${answer.delivery}`) },
      { label: t.msg('pdf.official'), value: `${answer.decidedByName}, ${answer.decidedByPosition}` },
    ],
    [{ heading: t.msg('pdf.answerText'), body: answer.text }],
    footer(t, issuedAt),
  );
}

/** A download, never cached (it carries personal data); the registration number makes the file name (ASCII). */
export async function sendPdf(reply: FastifyReply, fileName: string, content: Buffer): Promise<void> {
  await reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(content);
}
