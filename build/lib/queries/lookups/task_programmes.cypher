// zh: 每项任务所属的工程
// en: The programme of each task
MATCH (t:Task)-[:PART_OF]->(p:Programme)
RETURN t.id AS task, p.number AS number, p.name AS name
