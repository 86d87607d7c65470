// zh: 哪些任务涉及某个产业赛道?由谁牵头?
// en: Which tasks concern an industry track, and who leads them?
// param: track = 虚拟现实 — the track's name (通用人工智能, 工业互联网, 虚拟现实 …)
// returns: document, task, title, lead, mentions
MATCH (t:Task)-[m:MENTIONS]->(x:Track)
WHERE x.name = $track
MATCH (d:Document {id: t.document})
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN d.title AS document, t.number AS task, t.title AS title, b.short_name AS lead, m.mentions AS mentions
ORDER BY document, task, lead
