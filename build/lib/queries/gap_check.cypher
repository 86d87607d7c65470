// zh: 哪些任务只有一个责任单位、没有牵头单位或有多个牵头单位?
// en: Which tasks have a single owner, no lead, or several leads?
// returns: document, task, title, owners, leads, gap
MATCH (t:Task)
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WITH t, count(b) AS owners, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads
WHERE owners < 2 OR leads <> 1
MATCH (d:Document {id: t.document})
RETURN d.title AS document, t.number AS task, t.title AS title, owners, leads,
       CASE WHEN owners = 0 THEN 'no owner' WHEN leads = 0 THEN 'no lead' WHEN leads > 1 THEN 'several leads'
            ELSE 'single owner' END AS gap
ORDER BY document, task
