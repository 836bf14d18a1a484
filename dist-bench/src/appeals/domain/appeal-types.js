"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EARLIEST_RECEIPT_DATE = exports.CLOSURE_GROUNDS = exports.PARTY_KINDS = exports.REGIMES = exports.CHANNELS = exports.OPEN_STATUSES = exports.APPEAL_STATUSES = exports.APPEAL_TYPES = void 0;
/** Vocabulary of appeals-rules.md and API.md; these strings are the public contract. */
exports.APPEAL_TYPES = ['proposal', 'application', 'complaint'];
exports.APPEAL_STATUSES = ['registered', 'in_review', 'referred', 'answered', 'left_without_consideration'];
exports.OPEN_STATUSES = ['registered', 'in_review', 'referred'];
/** Art. 3.0.12 electronic; post/fax/in person written; reception and phone oral. */
exports.CHANNELS = ['portal', 'email', 'post', 'fax', 'in_person', 'reception', 'phone'];
exports.REGIMES = ['standard', 'military', 'urgent'];
exports.PARTY_KINDS = ['natural', 'legal'];
exports.CLOSURE_GROUNDS = ['excluded_subject', 'form_defect', 'court_decision', 'repeated', 'cannot_decide', 'withdrawn'];
/** The law entered into force on 30 September 2015; no appeal under it is received earlier. */
exports.EARLIEST_RECEIPT_DATE = '2015-09-30';
//# sourceMappingURL=appeal-types.js.map