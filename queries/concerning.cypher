// zh: 与某个主题(赛道、园区、孵化器、基金、主体)相关的所有内容
// en: Everything that concerns a topic: tasks, principles, targets and measures naming a matching entity
// param: term = 虚拟现实 — part of an entity's name
// returns: kind, number, item, entity_kind, entity, sentence
// ids: item_id, entity_id
// one part per kind of item, in the order of their labels (the answer's first sort key): a page sorts only the
// kinds it reaches, and the first page no longer sorts every task's mentions (1,000 plans: ~18,000 rows, ~17,000 of
// them tasks'); Document and Target have no number (an integer NULL: Ladybug types a bare NULL as ANY, which
// a union with an INT64 column refuses)
MATCH (h:Document)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, CASE WHEN false THEN 0 END AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY h.document, entity, item, item_id, entity_id
UNION ALL
MATCH (h:Measure)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, h.number AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY h.document, number, entity, item, item_id, entity_id
UNION ALL
MATCH (h:Principle)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, h.number AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY h.document, number, entity, item, item_id, entity_id
UNION ALL
MATCH (h:Target)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, CASE WHEN false THEN 0 END AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY h.document, entity, item, item_id, entity_id
UNION ALL
MATCH (h:Task)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, h.number AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY h.document, number, entity, item, item_id, entity_id
