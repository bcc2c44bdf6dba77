package app.rapport.reports.domain;

/**
 * Why no consent lets a report go out today, as a code a client can act on (the console tells
 * the front desk what to do for each) beside the words of the problem's detail.
 */
public enum ConsentGap {
    /** Nothing on file for this recipient: record the patient's consent. */
    MISSING,
    /** Every consent for this recipient was revoked: only a new consent from the patient allows it. */
    REVOKED,
    /** The consent ran out: ask the patient to renew it. */
    EXPIRED,
    /** A consent exists but does not cover this report type, or starts later. */
    OUT_OF_SCOPE
}
