import { z } from 'zod';
import { pageOf, problemSchema, resources, type Resource } from './schemas';

/**
 * The API's OpenAPI 3.1 document, generated from the zod schemas the responses are built
 * against (zod's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses). Served at
 * /api/v1/openapi.json and rendered as the reference page in the app.
 */
const bearer = { bearer: [] as string[] };
const queryToken = { queryToken: [] as string[] };

const parameters = {
	year: { name: 'year', in: 'query', required: false, schema: { type: 'integer' }, description: 'only this year’s round' },
	level: {
		name: 'level',
		in: 'query',
		required: false,
		schema: { type: 'string', enum: ['assessment', 'municipality', 'collaboration'], default: 'municipality' }
	},
	limit: { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 } },
	cursor: { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'the `next` of the page before' },
	format: { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'] }, description: 'csv: as with Accept: text/csv' }
} as const;

const parametersOf: Record<Resource, (keyof typeof parameters)[]> = {
	collaboration: ['format'],
	members: ['limit', 'cursor', 'format'],
	rounds: ['limit', 'cursor', 'format'],
	assessments: ['year', 'limit', 'cursor', 'format'],
	scores: ['level', 'year', 'limit', 'cursor', 'format'],
	items: ['year', 'limit', 'cursor', 'format'],
	targets: ['limit', 'cursor', 'format']
};

const problemResponse = (description: string) => ({
	description,
	content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
});

export function openApiDocument(origin: string) {
	const names = Object.keys(resources) as Resource[];
	const registry = z.registry<{ id: string }>();
	const schemas = Object.fromEntries(
		names.map((name) => {
			const { schema, paged } = resources[name];
			return [name, paged ? pageOf(schema, schema.meta()!.id as string) : schema] as const;
		})
	);
	for (const schema of [...Object.values(schemas), ...names.map((n) => resources[n].schema), problemSchema])
		registry.add(schema as z.ZodType, { id: (schema as z.ZodType).meta()!.id as string });
	const { schemas: components } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12', io: 'output' }) as {
		schemas: Record<string, Record<string, unknown>>;
	};
	for (const component of Object.values(components)) delete component.$schema;
	const paths = Object.fromEntries(
		names.map((name) => [
			`/api/v1/${name}`,
			{
				get: {
					operationId: name,
					summary: resources[name].summary,
					security: [bearer, queryToken],
					parameters: parametersOf[name].map((p) => parameters[p]),
					responses: {
						200: {
							description: 'OK (CSV: one row per item, columns as the JSON fields; the next page in the Link header)',
							headers: { ETag: { schema: { type: 'string' }, description: 'send it back as If-None-Match: 304 when nothing changed' } },
							content: {
								'application/json': { schema: { $ref: `#/components/schemas/${(schemas[name] as z.ZodType).meta()!.id}` } },
								'text/csv': { schema: { type: 'string' } }
							}
						},
						304: { description: 'Not Modified: nothing changed since the ETag sent' },
						400: problemResponse('The query is not valid'),
						401: problemResponse('No token, or one that is not valid, has expired or was revoked'),
						429: { ...problemResponse('Too many requests: try again after Retry-After seconds'), headers: { 'Retry-After': { schema: { type: 'integer' } } } }
					}
				}
			}
		])
	);
	return {
		openapi: '3.1.0',
		info: {
			title: 'Moden read API',
			version: '1.0.0',
			description:
				'Read-only access to one collaboration’s results, for Power BI, Excel and its own systems. A token reads exactly what a person of its scope reads in the app (docs/api.md, docs/privacy.md).'
		},
		servers: [{ url: origin }],
		security: [bearer],
		components: {
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <token>' },
				queryToken: {
					type: 'apiKey',
					in: 'query',
					name: 'token',
					description: 'for tools that cannot send a header; the token then shows in URLs and logs along the way'
				}
			},
			schemas: components
		},
		paths
	};
}
