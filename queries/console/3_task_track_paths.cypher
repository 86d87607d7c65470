// zh: 任务—赛道路径
// en: paths
MATCH p = (t:Task)-[:MENTIONS]->(x:Entity {kind: 'Track'}) WHERE x.name = '虚拟现实' RETURN p LIMIT 25
