import { Injectable } from '@nestjs/common';
import { DocumentNotFoundError, DocumentStatus, documentStatusAt, locateQuote, PolicyDocument } from '@app/engine';
import { RulePackService } from '../rule-pack/rule-pack.service';

export interface CitedPassage {
  measureId: string;
  section: string;
  quote: string;
  /** [start, end) offsets into `text` (UTF-16 code units, as JavaScript strings index). */
  start: number;
  end: number;
}

/** A document's metadata, its status judged at `asOf` (with its successor once replaced). */
export interface DocumentSummary extends Pick<
  PolicyDocument,
  'id' | 'title' | 'titleEn' | 'number' | 'issuers' | 'issueDate' | 'period' | 'supersededBy' | 'body' | 'source'
> {
  /** The date the status is judged at (YYYY-MM-DD). */
  asOf: string;
  status: DocumentStatus;
  declaredStatus: PolicyDocument['status'];
}

/** `GET /api/documents`: each document with the number of measures citing it. */
export interface DocumentListItem extends DocumentSummary {
  citedBy: number;
}

/** `GET /api/documents/:id`: the full text and every cited passage in it. */
export interface DocumentView extends DocumentSummary {
  text: string;
  citations: CitedPassage[];
}

/** The policy documents, and where in each text the measures' quotes stand. */
@Injectable()
export class DocumentsService {
  private readonly passages = new Map<string, CitedPassage[]>();

  constructor(private readonly rules: RulePackService) {
    for (const { measure } of rules.compiled.measures) {
      for (const c of measure.citations) {
        if (c.role !== 'clause') continue;
        const doc = rules.compiled.documents.get(c.documentId)!;
        const at = locateQuote(doc.text, c.quote)!;
        const list = this.passages.get(doc.id) ?? [];
        list.push({ measureId: measure.id, section: c.section, quote: c.quote, ...at });
        this.passages.set(doc.id, list);
      }
    }
    for (const list of this.passages.values()) list.sort((a, b) => a.start - b.start);
  }

  list(asOf: string): DocumentListItem[] {
    return [...this.rules.compiled.documents.values()].map((d) => ({
      ...summary(d, asOf),
      citedBy: [...new Set((this.passages.get(d.id) ?? []).map((p) => p.measureId))].length,
    }));
  }

  get(id: string, asOf: string): DocumentView {
    const doc = this.rules.compiled.documents.get(id);
    if (!doc) throw new DocumentNotFoundError(id);
    return { ...summary(doc, asOf), text: doc.text, citations: this.passages.get(id) ?? [] };
  }
}

/** The document's metadata with its status judged at `asOf` (and its successor once replaced). */
function summary(d: PolicyDocument, asOf: string): DocumentSummary {
  const status = documentStatusAt(d, asOf);
  return {
    id: d.id,
    title: d.title,
    titleEn: d.titleEn,
    number: d.number,
    issuers: d.issuers,
    issueDate: d.issueDate,
    period: d.period,
    asOf,
    status,
    declaredStatus: d.status,
    ...(status === 'superseded' ? { supersededBy: d.supersededBy } : {}),
    ...(d.body ? { body: d.body } : {}),
    source: d.source,
  };
}
