// zh: 哪些方案有共同的责任单位?共有几个?
// en: Which pairs of plans share responsible bureaus, and how many?
// param: document = "" — part of a plan's title or its number, to list only the plans sharing owners with it; empty for all pairs
// returns: plan_a, plan_b, shared_bureaus, bureaus
// ids: plan_a_id, plan_b_id
// unordered: bureaus
// the plans asked about first, then each other plan their bureaus carry tasks in (CARRIES, computed at load time);
// a pair of two plans asked about is kept from its first plan's side only
MATCH (d:Document)
WHERE $document = '' OR d.title CONTAINS $document OR d.doc_number = $document
MATCH (d)<-[:CARRIES]-(b:Bureau)-[:CARRIES]->(o:Document)
WHERE d.id < o.id OR NOT ($document = '' OR o.title CONTAINS $document OR coalesce(o.doc_number, '') = $document)
WITH b, d.id < o.id AS ahead, d, o
WITH b, CASE WHEN ahead THEN d.title ELSE o.title END AS plan_a, CASE WHEN ahead THEN o.title ELSE d.title END AS plan_b,
     CASE WHEN ahead THEN d.id ELSE o.id END AS plan_a_id, CASE WHEN ahead THEN o.id ELSE d.id END AS plan_b_id
RETURN plan_a, plan_b, count(DISTINCT b.id) AS shared_bureaus, collect(DISTINCT b.short_name) AS bureaus, plan_a_id,
       plan_b_id
ORDER BY shared_bureaus DESC, plan_a, plan_b, plan_a_id, plan_b_id
