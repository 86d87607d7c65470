// zh: 各类实体(赛道、园区、孵化器、举措、主体)的数量
// en: How many entities of each kind (track, park, incubator, initiative, stakeholder) the store holds
MATCH (x:Entity) RETURN x.kind AS kind, count(*) AS c ORDER BY kind
