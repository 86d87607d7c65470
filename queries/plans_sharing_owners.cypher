// zh: 哪些方案有共同的责任单位?共有几个?
// en: Which pairs of plans share responsible bureaus, and how many?
// param: document = "" — part of a plan's title or its number, to list only the plans sharing owners with it; empty for all pairs
// returns: plan_a, plan_b, shared_bureaus, bureaus
// ids: plan_a_id, plan_b_id
// unordered: bureaus
MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)
WITH b, collect(DISTINCT t.document) AS docs
UNWIND docs AS doc1
UNWIND docs AS doc2
WITH b, doc1, doc2
WHERE doc1 < doc2
MATCH (d1:Document {id: doc1})
MATCH (d2:Document {id: doc2})
WHERE $document = '' OR d1.title CONTAINS $document OR d2.title CONTAINS $document
   OR d1.doc_number = $document OR d2.doc_number = $document
RETURN d1.title AS plan_a, d2.title AS plan_b, count(DISTINCT b.id) AS shared_bureaus,
       collect(DISTINCT b.short_name) AS bureaus, d1.id AS plan_a_id, d2.id AS plan_b_id
ORDER BY shared_bureaus DESC, plan_a, plan_b, plan_a_id, plan_b_id
