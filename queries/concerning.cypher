// zh: 与某个主题(赛道、园区、孵化器、基金、主体)相关的所有内容
// en: Everything that concerns a topic: tasks, principles, targets and measures naming a matching entity
// param: term = 虚拟现实 — part of an entity's name
// returns: kind, number, item, entity_kind, entity, sentence
// ids: item_id, entity_id
MATCH (h)-[m:MENTIONS]->(x)
WHERE x.name CONTAINS $term
RETURN h.kind AS kind, h.number AS number, h.name AS item, x.kind AS entity_kind, x.name AS entity,
       m.sentence AS sentence, h.id AS item_id, x.id AS entity_id
ORDER BY kind, h.document, number, entity, item, item_id, entity_id
