// zh: 哪些方案有共同的责任单位?共有几个?
// en: Which pairs of plans share responsible bureaus, and how many?
// returns: plan_a, plan_b, shared_bureaus, bureaus
// unordered: bureaus
MATCH (t1:Task)<-[:RESPONSIBLE_FOR]-(b:Bureau)-[:RESPONSIBLE_FOR]->(t2:Task)
WHERE t1.document < t2.document
MATCH (d1:Document {id: t1.document})
MATCH (d2:Document {id: t2.document})
RETURN d1.title AS plan_a, d2.title AS plan_b, count(DISTINCT b.id) AS shared_bureaus,
       collect(DISTINCT b.short_name) AS bureaus
ORDER BY shared_bureaus DESC, plan_a, plan_b
