// A guardian account barred from a child: a do-not-release entry (a custody order) that names the account of the person
// it concerns. The account stays linked to the child (linking is the district's), but while the entry stands it sees
// nothing of that child on the parents' page (404, as for a child that is not theirs) and gets no arrival or departure
// notice of the child. The SQL is one predicate, used by each query that reads a guardian's children.

/** True when `accountColumn` may see `childColumn`: no do-not-release entry of that child names that account. */
export const notBarred = (accountColumn: string, childColumn: string): string =>
  `not exists (select 1 from do_not_release bar where bar.child_id = ${childColumn} and bar.account_id = ${accountColumn})`;
