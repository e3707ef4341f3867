// Generated from api/openapi.yaml by scripts/gen-api-types.ts (`npm run gen:api`); do not edit by hand.
/* eslint-disable */
"use strict";
export const validateBundlePayload = validate21;
const schema32 = {"description":"The full bundle.","type":"object","additionalProperties":false,"required":["kind","format","districtId","siteId","version","issuedAtMs","expiresAtMs","children","removedChildIds","consents","settings","timeZone","templates","rosterDigest","pickups"],"properties":{"kind":{"const":"full"},"format":{"const":"gate-kiosk-bundle/2"},"districtId":{"$ref":"#/components/schemas/Id"},"siteId":{"$ref":"#/components/schemas/Id"},"version":{"type":"integer","minimum":1},"issuedAtMs":{"$ref":"#/components/schemas/EpochMs"},"expiresAtMs":{"$ref":"#/components/schemas/EpochMs"},"rosterDigest":{"$ref":"#/components/schemas/RosterDigest"},"children":{"type":"array","items":{"$ref":"#/components/schemas/BundleChild"}},"removedChildIds":{"description":"Children removed from the site; the tablet deletes them and purges their templates.","type":"array","items":{"$ref":"#/components/schemas/Id"}},"consents":{"description":"Every face consent of the site's children, revoked ones included (explicit revocations).","type":"array","items":{"$ref":"#/components/schemas/BundleConsent"}},"settings":{"$ref":"#/components/schemas/SiteSettings"},"timeZone":{"$ref":"#/components/schemas/SiteTimeZone"},"templates":{"description":"Templates of children with an active face consent only (none while biometrics are off).","type":"array","items":{"$ref":"#/components/schemas/BundleTemplate"}},"templateKeyVersion":{"description":"The district's current template key version. A tablet holding an older one fetches the key\n(GET /v1/template-key), renews its templates in place, then confirms (POST /v1/template-key/renewed).\nEvery template in the bundle is of this version.\n","type":"integer","minimum":1},"pickups":{"description":"Every child on the roster with an authorised pickup adult or a do-not-release entry, one item each (a child\nabsent has none); the tablet replaces all it holds. Not covered by rosterDigest (see BundlePickups).\n","type":"array","items":{"$ref":"#/components/schemas/BundlePickups"}},"absences":{"description":"Absences reported for the children this answer carries (each child's complete list from the site's today on, by\na parent on the parents' page or by staff), so staff see \"absent: reason\" on the tablet's roster. Optional\n(absent from servers without absences); not covered by rosterDigest.\n","type":"array","items":{"$ref":"#/components/schemas/BundleAbsence"}}}};
const schema33 = {"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$"};
const schema35 = {"type":"integer","minimum":0,"maximum":8640000000000000};
const schema37 = {"type":"string","pattern":"^[0-9a-f]{64}$"};
const schema51 = {"description":"The site's IANA time zone. Consent dates and attendance days are the site's days, whatever zone a tablet is set to.","type":"string","minLength":1,"maxLength":64};
const func1 = Object.prototype.hasOwnProperty;
const func2 = (text) => { let n = 0; for (const _c of text) n++; return n; };
const pattern4 = new RegExp("^[A-Za-z0-9_-]{1,64}$", "u");
const pattern6 = new RegExp("^[0-9a-f]{64}$", "u");
const schema38 = {"type":"object","additionalProperties":false,"required":["childId","displayName","group","bracelets"],"properties":{"childId":{"$ref":"#/components/schemas/Id"},"displayName":{"type":"string","minLength":1,"maxLength":120},"group":{"type":"string","maxLength":80},"bracelets":{"type":"array","maxItems":8,"items":{"$ref":"#/components/schemas/BraceletUid"}},"twin":{"description":"Staff on one of the site's tablets confirmed a twin (or look-alike sibling) of this child at enrolment (a\n`twin-flag` audit entry): every tablet asks this child for the bracelet as well as the face. Absent: no flag.\n","type":"boolean"}}};
const schema40 = {"type":"string","pattern":"^[a-z0-9]+:[0-9A-F]{4,40}$"};
const pattern8 = new RegExp("^[a-z0-9]+:[0-9A-F]{4,40}$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((data.childId === undefined) && (missing0 = "childId")) || ((data.displayName === undefined) && (missing0 = "displayName"))) || ((data.group === undefined) && (missing0 = "group"))) || ((data.bracelets === undefined) && (missing0 = "bracelets"))){
validate22.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "childId") || (key0 === "displayName")) || (key0 === "group")) || (key0 === "bracelets")) || (key0 === "twin"))){
validate22.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.childId !== undefined){
let data0 = data.childId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate22.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate22.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.displayName !== undefined){
let data1 = data.displayName;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data1 === "string"){
if(func2(data1) > 120){
validate22.errors = [{instancePath:instancePath+"/displayName",schemaPath:"#/properties/displayName/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate22.errors = [{instancePath:instancePath+"/displayName",schemaPath:"#/properties/displayName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/displayName",schemaPath:"#/properties/displayName/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.group !== undefined){
let data2 = data.group;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data2 === "string"){
if(func2(data2) > 80){
validate22.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate22.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.bracelets !== undefined){
let data3 = data.bracelets;
const _errs9 = errors;
if(errors === _errs9){
if(Array.isArray(data3)){
if(data3.length > 8){
validate22.errors = [{instancePath:instancePath+"/bracelets",schemaPath:"#/properties/bracelets/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items"}];
return false;
}
else {
var valid2 = true;
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data4 === "string"){
if(!pattern8.test(data4)){
validate22.errors = [{instancePath:instancePath+"/bracelets/" + i0,schemaPath:"#/components/schemas/BraceletUid/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]+:[0-9A-F]{4,40}$"},message:"must match pattern \""+"^[a-z0-9]+:[0-9A-F]{4,40}$"+"\""}];
return false;
}
}
else {
validate22.errors = [{instancePath:instancePath+"/bracelets/" + i0,schemaPath:"#/components/schemas/BraceletUid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs11 === errors;
if(!valid2){
break;
}
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/bracelets",schemaPath:"#/properties/bracelets/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.twin !== undefined){
const _errs14 = errors;
if(typeof data.twin !== "boolean"){
validate22.errors = [{instancePath:instancePath+"/twin",schemaPath:"#/properties/twin/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate22.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema42 = {"type":"object","additionalProperties":false,"required":["consentId","childId","guardianName","scope","grantedOn","expiresOn","revokedOn"],"properties":{"consentId":{"$ref":"#/components/schemas/Id"},"childId":{"$ref":"#/components/schemas/Id"},"guardianName":{"type":"string","minLength":1,"maxLength":120},"scope":{"const":"face"},"grantedOn":{"$ref":"#/components/schemas/DayKey"},"expiresOn":{"$ref":"#/components/schemas/DayKey"},"revokedOn":{"oneOf":[{"$ref":"#/components/schemas/DayKey"},{"type":"null"}]}}};
const schema45 = {"type":"string","pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"};
const pattern12 = new RegExp("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((data.consentId === undefined) && (missing0 = "consentId")) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.guardianName === undefined) && (missing0 = "guardianName"))) || ((data.scope === undefined) && (missing0 = "scope"))) || ((data.grantedOn === undefined) && (missing0 = "grantedOn"))) || ((data.expiresOn === undefined) && (missing0 = "expiresOn"))) || ((data.revokedOn === undefined) && (missing0 = "revokedOn"))){
validate24.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((((((key0 === "consentId") || (key0 === "childId")) || (key0 === "guardianName")) || (key0 === "scope")) || (key0 === "grantedOn")) || (key0 === "expiresOn")) || (key0 === "revokedOn"))){
validate24.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.consentId !== undefined){
let data0 = data.consentId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate24.errors = [{instancePath:instancePath+"/consentId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate24.errors = [{instancePath:instancePath+"/consentId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data1 = data.childId;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate24.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate24.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.guardianName !== undefined){
let data2 = data.guardianName;
const _errs8 = errors;
if(errors === _errs8){
if(typeof data2 === "string"){
if(func2(data2) > 120){
validate24.errors = [{instancePath:instancePath+"/guardianName",schemaPath:"#/properties/guardianName/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func2(data2) < 1){
validate24.errors = [{instancePath:instancePath+"/guardianName",schemaPath:"#/properties/guardianName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate24.errors = [{instancePath:instancePath+"/guardianName",schemaPath:"#/properties/guardianName/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.scope !== undefined){
const _errs10 = errors;
if("face" !== data.scope){
validate24.errors = [{instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/const",keyword:"const",params:{allowedValue: "face"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.grantedOn !== undefined){
let data4 = data.grantedOn;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data4 === "string"){
if(!pattern12.test(data4)){
validate24.errors = [{instancePath:instancePath+"/grantedOn",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate24.errors = [{instancePath:instancePath+"/grantedOn",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expiresOn !== undefined){
let data5 = data.expiresOn;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern12.test(data5)){
validate24.errors = [{instancePath:instancePath+"/expiresOn",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate24.errors = [{instancePath:instancePath+"/expiresOn",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.revokedOn !== undefined){
let data6 = data.revokedOn;
const _errs17 = errors;
const _errs18 = errors;
let valid5 = false;
let passing0 = null;
const _errs19 = errors;
const _errs20 = errors;
if(errors === _errs20){
if(typeof data6 === "string"){
if(!pattern12.test(data6)){
const err0 = {instancePath:instancePath+"/revokedOn",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath:instancePath+"/revokedOn",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs19 === errors;
if(_valid0){
valid5 = true;
passing0 = 0;
}
const _errs22 = errors;
if(data6 !== null){
const err2 = {instancePath:instancePath+"/revokedOn",schemaPath:"#/properties/revokedOn/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs22 === errors;
if(_valid0 && valid5){
valid5 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid5 = true;
passing0 = 1;
}
}
if(!valid5){
const err3 = {instancePath:instancePath+"/revokedOn",schemaPath:"#/properties/revokedOn/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate24.errors = vErrors;
return false;
}
else {
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema48 = {"type":"object","additionalProperties":false,"required":["biometricsEnabled","assessmentRef","matchThreshold","matchMargin","nightlyWindow","maxOfflineFaceDays"],"properties":{"biometricsEnabled":{"type":"boolean"},"assessmentRef":{"description":"Reference of the data-protection impact assessment; required while biometrics are on.","oneOf":[{"type":"string","minLength":3,"maxLength":200},{"type":"null"}]},"matchThreshold":{"type":"number","minimum":0.2,"maximum":0.9},"matchMargin":{"type":"number","minimum":0,"maximum":0.5},"nightlyWindow":{"$ref":"#/components/schemas/NightlyWindow"},"maxOfflineFaceDays":{"type":"integer","minimum":1,"maximum":14},"padMode":{"type":"string","enum":["evidence","ask-bracelet","record-flagged"],"description":"What the gate does with its presentation-attack (PAD) decision on a face check-in. evidence: every face check-in records the PAD result (numbers only) and a result other than live is flagged in the record, but nobody is refused at the door (the default until a site's own PAD test shows the model suits it). ask-bracelet: an attack or an unsure result never checks a child in by face; the child is asked, in the same words as any unknown face, to tap the bracelet or see a teacher. record-flagged: an attack is refused as with ask-bracelet; an unsure result is recorded with a flag. Optional: a site stored before the setting existed, or a server that does not know it, means evidence."},"presenceEvidence":{"type":"boolean","description":"Presence evidence, off by default: when a bracelet is tapped, the tablet's camera checks only whether a person stands in front of it (face detection only: nothing is embedded, matched or kept) and the mark records `presence` (person or nobody). It opens the camera on a site where face recognition may be off, so the site must tell parents and staff. Optional: absent (a site stored before the setting existed) means off."},"pickupGroups":{"description":"Groups whose children need an authorised pickup adult to check out (up to 50 names); empty (or absent, as on a site stored before the setting existed) means none.","type":"array","maxItems":50,"items":{"type":"string","maxLength":80}},"closingTime":{"description":"The site's closing time (HH:MM, site time) for the late pickup alert; null (or absent, from a server or a site stored before the setting existed) means none.","oneOf":[{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]$"},{"type":"null"}]},"groupOperatingPoints":{"$ref":"#/components/schemas/GroupOperatingPoints"}}};
const schema49 = {"description":"Local time (the site's time zone) when tablets sync every night, HH:MM to HH:MM (may wrap midnight).","type":"object","additionalProperties":false,"required":["start","end"],"properties":{"start":{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]$"},"end":{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]$"}}};
const schema50 = {"description":"Age-aware operating points: a group's own match threshold and margin (an age band whose faces the site's recognition report shows closer together, or younger children whose faces change faster), used for that group's children instead of the site's; the district's setting. Empty or absent: the site's for every group.","type":"array","maxItems":50,"items":{"type":"object","additionalProperties":false,"required":["group","matchThreshold","matchMargin"],"properties":{"group":{"type":"string","minLength":1,"maxLength":80},"matchThreshold":{"type":"number","minimum":0.2,"maximum":0.9},"matchMargin":{"type":"number","minimum":0.01,"maximum":0.5}}}};
const pattern15 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9]$", "u");

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((data.biometricsEnabled === undefined) && (missing0 = "biometricsEnabled")) || ((data.assessmentRef === undefined) && (missing0 = "assessmentRef"))) || ((data.matchThreshold === undefined) && (missing0 = "matchThreshold"))) || ((data.matchMargin === undefined) && (missing0 = "matchMargin"))) || ((data.nightlyWindow === undefined) && (missing0 = "nightlyWindow"))) || ((data.maxOfflineFaceDays === undefined) && (missing0 = "maxOfflineFaceDays"))){
validate26.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema48.properties, key0))){
validate26.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.biometricsEnabled !== undefined){
const _errs2 = errors;
if(typeof data.biometricsEnabled !== "boolean"){
validate26.errors = [{instancePath:instancePath+"/biometricsEnabled",schemaPath:"#/properties/biometricsEnabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.assessmentRef !== undefined){
let data1 = data.assessmentRef;
const _errs4 = errors;
const _errs5 = errors;
let valid1 = false;
let passing0 = null;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(func2(data1) > 200){
const err0 = {instancePath:instancePath+"/assessmentRef",schemaPath:"#/properties/assessmentRef/oneOf/0/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(func2(data1) < 3){
const err1 = {instancePath:instancePath+"/assessmentRef",schemaPath:"#/properties/assessmentRef/oneOf/0/minLength",keyword:"minLength",params:{limit: 3},message:"must NOT have fewer than 3 characters"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
else {
const err2 = {instancePath:instancePath+"/assessmentRef",schemaPath:"#/properties/assessmentRef/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs8 = errors;
if(data1 !== null){
const err3 = {instancePath:instancePath+"/assessmentRef",schemaPath:"#/properties/assessmentRef/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs8 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err4 = {instancePath:instancePath+"/assessmentRef",schemaPath:"#/properties/assessmentRef/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
validate26.errors = vErrors;
return false;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.matchThreshold !== undefined){
let data2 = data.matchThreshold;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data2 == "number"){
if(data2 > 0.9 || isNaN(data2)){
validate26.errors = [{instancePath:instancePath+"/matchThreshold",schemaPath:"#/properties/matchThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.9},message:"must be <= 0.9"}];
return false;
}
else {
if(data2 < 0.2 || isNaN(data2)){
validate26.errors = [{instancePath:instancePath+"/matchThreshold",schemaPath:"#/properties/matchThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.2},message:"must be >= 0.2"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/matchThreshold",schemaPath:"#/properties/matchThreshold/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.matchMargin !== undefined){
let data3 = data.matchMargin;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data3 == "number"){
if(data3 > 0.5 || isNaN(data3)){
validate26.errors = [{instancePath:instancePath+"/matchMargin",schemaPath:"#/properties/matchMargin/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.5},message:"must be <= 0.5"}];
return false;
}
else {
if(data3 < 0 || isNaN(data3)){
validate26.errors = [{instancePath:instancePath+"/matchMargin",schemaPath:"#/properties/matchMargin/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/matchMargin",schemaPath:"#/properties/matchMargin/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.nightlyWindow !== undefined){
let data4 = data.nightlyWindow;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing1;
if(((data4.start === undefined) && (missing1 = "start")) || ((data4.end === undefined) && (missing1 = "end"))){
validate26.errors = [{instancePath:instancePath+"/nightlyWindow",schemaPath:"#/components/schemas/NightlyWindow/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs17 = errors;
for(const key1 in data4){
if(!((key1 === "start") || (key1 === "end"))){
validate26.errors = [{instancePath:instancePath+"/nightlyWindow",schemaPath:"#/components/schemas/NightlyWindow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs17 === errors){
if(data4.start !== undefined){
let data5 = data4.start;
const _errs18 = errors;
if(errors === _errs18){
if(typeof data5 === "string"){
if(!pattern15.test(data5)){
validate26.errors = [{instancePath:instancePath+"/nightlyWindow/start",schemaPath:"#/components/schemas/NightlyWindow/properties/start/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]$"+"\""}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/nightlyWindow/start",schemaPath:"#/components/schemas/NightlyWindow/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs18 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data4.end !== undefined){
let data6 = data4.end;
const _errs20 = errors;
if(errors === _errs20){
if(typeof data6 === "string"){
if(!pattern15.test(data6)){
validate26.errors = [{instancePath:instancePath+"/nightlyWindow/end",schemaPath:"#/components/schemas/NightlyWindow/properties/end/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]$"+"\""}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/nightlyWindow/end",schemaPath:"#/components/schemas/NightlyWindow/properties/end/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs20 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/nightlyWindow",schemaPath:"#/components/schemas/NightlyWindow/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.maxOfflineFaceDays !== undefined){
let data7 = data.maxOfflineFaceDays;
const _errs22 = errors;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
validate26.errors = [{instancePath:instancePath+"/maxOfflineFaceDays",schemaPath:"#/properties/maxOfflineFaceDays/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs22){
if(typeof data7 == "number"){
if(data7 > 14 || isNaN(data7)){
validate26.errors = [{instancePath:instancePath+"/maxOfflineFaceDays",schemaPath:"#/properties/maxOfflineFaceDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 14},message:"must be <= 14"}];
return false;
}
else {
if(data7 < 1 || isNaN(data7)){
validate26.errors = [{instancePath:instancePath+"/maxOfflineFaceDays",schemaPath:"#/properties/maxOfflineFaceDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs22 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.padMode !== undefined){
let data8 = data.padMode;
const _errs24 = errors;
if(typeof data8 !== "string"){
validate26.errors = [{instancePath:instancePath+"/padMode",schemaPath:"#/properties/padMode/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data8 === "evidence") || (data8 === "ask-bracelet")) || (data8 === "record-flagged"))){
validate26.errors = [{instancePath:instancePath+"/padMode",schemaPath:"#/properties/padMode/enum",keyword:"enum",params:{allowedValues: schema48.properties.padMode.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.presenceEvidence !== undefined){
const _errs26 = errors;
if(typeof data.presenceEvidence !== "boolean"){
validate26.errors = [{instancePath:instancePath+"/presenceEvidence",schemaPath:"#/properties/presenceEvidence/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs26 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pickupGroups !== undefined){
let data10 = data.pickupGroups;
const _errs28 = errors;
if(errors === _errs28){
if(Array.isArray(data10)){
if(data10.length > 50){
validate26.errors = [{instancePath:instancePath+"/pickupGroups",schemaPath:"#/properties/pickupGroups/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"}];
return false;
}
else {
var valid4 = true;
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
const _errs30 = errors;
if(errors === _errs30){
if(typeof data11 === "string"){
if(func2(data11) > 80){
validate26.errors = [{instancePath:instancePath+"/pickupGroups/" + i0,schemaPath:"#/properties/pickupGroups/items/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/pickupGroups/" + i0,schemaPath:"#/properties/pickupGroups/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid4 = _errs30 === errors;
if(!valid4){
break;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/pickupGroups",schemaPath:"#/properties/pickupGroups/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs28 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.closingTime !== undefined){
let data12 = data.closingTime;
const _errs32 = errors;
const _errs33 = errors;
let valid5 = false;
let passing1 = null;
const _errs34 = errors;
if(errors === _errs34){
if(typeof data12 === "string"){
if(!pattern15.test(data12)){
const err5 = {instancePath:instancePath+"/closingTime",schemaPath:"#/properties/closingTime/oneOf/0/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/closingTime",schemaPath:"#/properties/closingTime/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid1 = _errs34 === errors;
if(_valid1){
valid5 = true;
passing1 = 0;
}
const _errs36 = errors;
if(data12 !== null){
const err7 = {instancePath:instancePath+"/closingTime",schemaPath:"#/properties/closingTime/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid1 = _errs36 === errors;
if(_valid1 && valid5){
valid5 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid5 = true;
passing1 = 1;
}
}
if(!valid5){
const err8 = {instancePath:instancePath+"/closingTime",schemaPath:"#/properties/closingTime/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
validate26.errors = vErrors;
return false;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.groupOperatingPoints !== undefined){
let data13 = data.groupOperatingPoints;
const _errs38 = errors;
const _errs39 = errors;
if(errors === _errs39){
if(Array.isArray(data13)){
if(data13.length > 50){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints",schemaPath:"#/components/schemas/GroupOperatingPoints/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"}];
return false;
}
else {
var valid7 = true;
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
const _errs41 = errors;
if(errors === _errs41){
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
let missing2;
if((((data14.group === undefined) && (missing2 = "group")) || ((data14.matchThreshold === undefined) && (missing2 = "matchThreshold"))) || ((data14.matchMargin === undefined) && (missing2 = "matchMargin"))){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1,schemaPath:"#/components/schemas/GroupOperatingPoints/items/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs43 = errors;
for(const key2 in data14){
if(!(((key2 === "group") || (key2 === "matchThreshold")) || (key2 === "matchMargin"))){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1,schemaPath:"#/components/schemas/GroupOperatingPoints/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs43 === errors){
if(data14.group !== undefined){
let data15 = data14.group;
const _errs44 = errors;
if(errors === _errs44){
if(typeof data15 === "string"){
if(func2(data15) > 80){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/group",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/group/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
else {
if(func2(data15) < 1){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/group",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/group",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs44 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data14.matchThreshold !== undefined){
let data16 = data14.matchThreshold;
const _errs46 = errors;
if(errors === _errs46){
if(typeof data16 == "number"){
if(data16 > 0.9 || isNaN(data16)){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchThreshold",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.9},message:"must be <= 0.9"}];
return false;
}
else {
if(data16 < 0.2 || isNaN(data16)){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchThreshold",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.2},message:"must be >= 0.2"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchThreshold",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchThreshold/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid8 = _errs46 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data14.matchMargin !== undefined){
let data17 = data14.matchMargin;
const _errs48 = errors;
if(errors === _errs48){
if(typeof data17 == "number"){
if(data17 > 0.5 || isNaN(data17)){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchMargin",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchMargin/maximum",keyword:"maximum",params:{comparison: "<=", limit: 0.5},message:"must be <= 0.5"}];
return false;
}
else {
if(data17 < 0.01 || isNaN(data17)){
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchMargin",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchMargin/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.01},message:"must be >= 0.01"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1+"/matchMargin",schemaPath:"#/components/schemas/GroupOperatingPoints/items/properties/matchMargin/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid8 = _errs48 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints/" + i1,schemaPath:"#/components/schemas/GroupOperatingPoints/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid7 = _errs41 === errors;
if(!valid7){
break;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/groupOperatingPoints",schemaPath:"#/components/schemas/GroupOperatingPoints/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs38 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate26.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema52 = {"type":"object","additionalProperties":false,"required":["templateId","childId","keyVersion","createdAtMs","ciphertext"],"properties":{"templateId":{"$ref":"#/components/schemas/Id"},"childId":{"$ref":"#/components/schemas/Id"},"keyVersion":{"type":"integer","minimum":1},"createdAtMs":{"$ref":"#/components/schemas/EpochMs"},"ciphertext":{"type":"string","pattern":"^[A-Za-z0-9_-]+$"}}};
const pattern20 = new RegExp("^[A-Za-z0-9_-]+$", "u");

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.templateId === undefined) && (missing0 = "templateId")) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.keyVersion === undefined) && (missing0 = "keyVersion"))) || ((data.createdAtMs === undefined) && (missing0 = "createdAtMs"))) || ((data.ciphertext === undefined) && (missing0 = "ciphertext"))){
validate28.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "templateId") || (key0 === "childId")) || (key0 === "keyVersion")) || (key0 === "createdAtMs")) || (key0 === "ciphertext"))){
validate28.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.templateId !== undefined){
let data0 = data.templateId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate28.errors = [{instancePath:instancePath+"/templateId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate28.errors = [{instancePath:instancePath+"/templateId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data1 = data.childId;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate28.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate28.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.keyVersion !== undefined){
let data2 = data.keyVersion;
const _errs8 = errors;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
validate28.errors = [{instancePath:instancePath+"/keyVersion",schemaPath:"#/properties/keyVersion/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs8){
if(typeof data2 == "number"){
if(data2 < 1 || isNaN(data2)){
validate28.errors = [{instancePath:instancePath+"/keyVersion",schemaPath:"#/properties/keyVersion/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.createdAtMs !== undefined){
let data3 = data.createdAtMs;
const _errs10 = errors;
const _errs11 = errors;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
validate28.errors = [{instancePath:instancePath+"/createdAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs11){
if(typeof data3 == "number"){
if(data3 > 8640000000000000 || isNaN(data3)){
validate28.errors = [{instancePath:instancePath+"/createdAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data3 < 0 || isNaN(data3)){
validate28.errors = [{instancePath:instancePath+"/createdAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ciphertext !== undefined){
let data4 = data.ciphertext;
const _errs13 = errors;
if(errors === _errs13){
if(typeof data4 === "string"){
if(!pattern20.test(data4)){
validate28.errors = [{instancePath:instancePath+"/ciphertext",schemaPath:"#/properties/ciphertext/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\""}];
return false;
}
}
else {
validate28.errors = [{instancePath:instancePath+"/ciphertext",schemaPath:"#/properties/ciphertext/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate28.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema56 = {"description":"One child's authorised pickups and do-not-release entries, complete (each adult's and entry's childId is this\nchildId). The tablet stores them for its check-out: an adult taps their card or types their code, or a teacher\npicks them; a do-not-release card is refused. Not covered by rosterDigest: a full bundle replaces every pickup a\ntablet holds and a delta replaces those of the children it names (a pickup change moves its child into the\ndelta), and a tablet that held a roster before it stored pickups asks for the full bundle once. Two entries of one\nadult (same name and relation) whose validity overlaps are refused by the district (409 `pickup-overlaps`) and\nmake a tablet refuse the whole answer, as does a card of two adults.\n","type":"object","additionalProperties":false,"required":["childId","adults","doNotRelease"],"properties":{"childId":{"$ref":"#/components/schemas/Id"},"adults":{"type":"array","maxItems":4,"items":{"$ref":"#/components/schemas/PickupAdult"}},"doNotRelease":{"type":"array","items":{"$ref":"#/components/schemas/DoNotRelease"}}}};
const schema58 = {"description":"An adult allowed to collect a child, as tablets receive it: identified at the door by their own NFC card or\nbracelet (cards) and/or a pickup code (codeHash). No photo, no biometrics of adults. Valid from validFrom to\nvalidTo inclusive (the site's days; null: open). At least one card or a code (a tablet refuses a bundle\nwith an adult that has neither).\n","type":"object","additionalProperties":false,"required":["pickupId","childId","name","relation","cards","codeHash","validFrom","validTo"],"properties":{"pickupId":{"$ref":"#/components/schemas/Id"},"childId":{"$ref":"#/components/schemas/Id"},"name":{"type":"string","minLength":1,"maxLength":120},"relation":{"description":"e.g. mother, grandfather.","type":"string","maxLength":60},"cards":{"type":"array","maxItems":4,"items":{"$ref":"#/components/schemas/BraceletUid"}},"codeHash":{"oneOf":[{"$ref":"#/components/schemas/PickupCodeHash"},{"type":"null"}]},"validFrom":{"oneOf":[{"$ref":"#/components/schemas/DayKey"},{"type":"null"}]},"validTo":{"oneOf":[{"$ref":"#/components/schemas/DayKey"},{"type":"null"}]}}};
const schema62 = {"description":"A pickup code (4-6 digits) as the district keeps and sends it: PBKDF2-HMAC-SHA256 of the code's ASCII digits with\nthis salt and iteration count, 32 bytes. Made on the server; the code itself is never stored or sent. A tablet\nchecks a code an adult types with WebCrypto (`crypto.subtle.deriveBits` PBKDF2 with the same parameters). A 4-6\ndigit code has at most a million values, so this slows guessing by whoever obtains a bundle, it does not stop it.\n","type":"object","additionalProperties":false,"required":["algorithm","iterations","salt","hash"],"properties":{"algorithm":{"const":"pbkdf2-sha256"},"iterations":{"type":"integer","minimum":100000,"maximum":2000000},"salt":{"description":"base64url of 16 random bytes.","type":"string","pattern":"^[A-Za-z0-9_-]{22}$"},"hash":{"description":"base64url of the 32-byte derived key.","type":"string","pattern":"^[A-Za-z0-9_-]{43}$"}}};
const pattern25 = new RegExp("^[A-Za-z0-9_-]{22}$", "u");
const pattern26 = new RegExp("^[A-Za-z0-9_-]{43}$", "u");

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((((data.pickupId === undefined) && (missing0 = "pickupId")) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.name === undefined) && (missing0 = "name"))) || ((data.relation === undefined) && (missing0 = "relation"))) || ((data.cards === undefined) && (missing0 = "cards"))) || ((data.codeHash === undefined) && (missing0 = "codeHash"))) || ((data.validFrom === undefined) && (missing0 = "validFrom"))) || ((data.validTo === undefined) && (missing0 = "validTo"))){
validate31.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((((key0 === "pickupId") || (key0 === "childId")) || (key0 === "name")) || (key0 === "relation")) || (key0 === "cards")) || (key0 === "codeHash")) || (key0 === "validFrom")) || (key0 === "validTo"))){
validate31.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.pickupId !== undefined){
let data0 = data.pickupId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate31.errors = [{instancePath:instancePath+"/pickupId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/pickupId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data1 = data.childId;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate31.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
let data2 = data.name;
const _errs8 = errors;
if(errors === _errs8){
if(typeof data2 === "string"){
if(func2(data2) > 120){
validate31.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func2(data2) < 1){
validate31.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.relation !== undefined){
let data3 = data.relation;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data3 === "string"){
if(func2(data3) > 60){
validate31.errors = [{instancePath:instancePath+"/relation",schemaPath:"#/properties/relation/maxLength",keyword:"maxLength",params:{limit: 60},message:"must NOT have more than 60 characters"}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/relation",schemaPath:"#/properties/relation/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cards !== undefined){
let data4 = data.cards;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data4)){
if(data4.length > 4){
validate31.errors = [{instancePath:instancePath+"/cards",schemaPath:"#/properties/cards/maxItems",keyword:"maxItems",params:{limit: 4},message:"must NOT have more than 4 items"}];
return false;
}
else {
var valid3 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern8.test(data5)){
validate31.errors = [{instancePath:instancePath+"/cards/" + i0,schemaPath:"#/components/schemas/BraceletUid/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]+:[0-9A-F]{4,40}$"},message:"must match pattern \""+"^[a-z0-9]+:[0-9A-F]{4,40}$"+"\""}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/cards/" + i0,schemaPath:"#/components/schemas/BraceletUid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs14 === errors;
if(!valid3){
break;
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/cards",schemaPath:"#/properties/cards/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.codeHash !== undefined){
let data6 = data.codeHash;
const _errs17 = errors;
const _errs18 = errors;
let valid5 = false;
let passing0 = null;
const _errs19 = errors;
const _errs20 = errors;
if(errors === _errs20){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
let missing1;
if(((((data6.algorithm === undefined) && (missing1 = "algorithm")) || ((data6.iterations === undefined) && (missing1 = "iterations"))) || ((data6.salt === undefined) && (missing1 = "salt"))) || ((data6.hash === undefined) && (missing1 = "hash"))){
const err0 = {instancePath:instancePath+"/codeHash",schemaPath:"#/components/schemas/PickupCodeHash/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
const _errs22 = errors;
for(const key1 in data6){
if(!((((key1 === "algorithm") || (key1 === "iterations")) || (key1 === "salt")) || (key1 === "hash"))){
const err1 = {instancePath:instancePath+"/codeHash",schemaPath:"#/components/schemas/PickupCodeHash/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
break;
}
}
if(_errs22 === errors){
if(data6.algorithm !== undefined){
const _errs23 = errors;
if("pbkdf2-sha256" !== data6.algorithm){
const err2 = {instancePath:instancePath+"/codeHash/algorithm",schemaPath:"#/components/schemas/PickupCodeHash/properties/algorithm/const",keyword:"const",params:{allowedValue: "pbkdf2-sha256"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var valid7 = _errs23 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data6.iterations !== undefined){
let data8 = data6.iterations;
const _errs24 = errors;
if(!((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8)))){
const err3 = {instancePath:instancePath+"/codeHash/iterations",schemaPath:"#/components/schemas/PickupCodeHash/properties/iterations/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(errors === _errs24){
if(typeof data8 == "number"){
if(data8 > 2000000 || isNaN(data8)){
const err4 = {instancePath:instancePath+"/codeHash/iterations",schemaPath:"#/components/schemas/PickupCodeHash/properties/iterations/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2000000},message:"must be <= 2000000"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
else {
if(data8 < 100000 || isNaN(data8)){
const err5 = {instancePath:instancePath+"/codeHash/iterations",schemaPath:"#/components/schemas/PickupCodeHash/properties/iterations/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100000},message:"must be >= 100000"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
}
var valid7 = _errs24 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data6.salt !== undefined){
let data9 = data6.salt;
const _errs26 = errors;
if(errors === _errs26){
if(typeof data9 === "string"){
if(!pattern25.test(data9)){
const err6 = {instancePath:instancePath+"/codeHash/salt",schemaPath:"#/components/schemas/PickupCodeHash/properties/salt/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{22}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{22}$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/codeHash/salt",schemaPath:"#/components/schemas/PickupCodeHash/properties/salt/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var valid7 = _errs26 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data6.hash !== undefined){
let data10 = data6.hash;
const _errs28 = errors;
if(errors === _errs28){
if(typeof data10 === "string"){
if(!pattern26.test(data10)){
const err8 = {instancePath:instancePath+"/codeHash/hash",schemaPath:"#/components/schemas/PickupCodeHash/properties/hash/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{43}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{43}$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/codeHash/hash",schemaPath:"#/components/schemas/PickupCodeHash/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid7 = _errs28 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/codeHash",schemaPath:"#/components/schemas/PickupCodeHash/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var _valid0 = _errs19 === errors;
if(_valid0){
valid5 = true;
passing0 = 0;
}
const _errs30 = errors;
if(data6 !== null){
const err11 = {instancePath:instancePath+"/codeHash",schemaPath:"#/properties/codeHash/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs30 === errors;
if(_valid0 && valid5){
valid5 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid5 = true;
passing0 = 1;
}
}
if(!valid5){
const err12 = {instancePath:instancePath+"/codeHash",schemaPath:"#/properties/codeHash/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
validate31.errors = vErrors;
return false;
}
else {
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.validFrom !== undefined){
let data11 = data.validFrom;
const _errs32 = errors;
const _errs33 = errors;
let valid8 = false;
let passing1 = null;
const _errs34 = errors;
const _errs35 = errors;
if(errors === _errs35){
if(typeof data11 === "string"){
if(!pattern12.test(data11)){
const err13 = {instancePath:instancePath+"/validFrom",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/validFrom",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid1 = _errs34 === errors;
if(_valid1){
valid8 = true;
passing1 = 0;
}
const _errs37 = errors;
if(data11 !== null){
const err15 = {instancePath:instancePath+"/validFrom",schemaPath:"#/properties/validFrom/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid1 = _errs37 === errors;
if(_valid1 && valid8){
valid8 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid8 = true;
passing1 = 1;
}
}
if(!valid8){
const err16 = {instancePath:instancePath+"/validFrom",schemaPath:"#/properties/validFrom/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
validate31.errors = vErrors;
return false;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.validTo !== undefined){
let data12 = data.validTo;
const _errs39 = errors;
const _errs40 = errors;
let valid10 = false;
let passing2 = null;
const _errs41 = errors;
const _errs42 = errors;
if(errors === _errs42){
if(typeof data12 === "string"){
if(!pattern12.test(data12)){
const err17 = {instancePath:instancePath+"/validTo",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/validTo",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var _valid2 = _errs41 === errors;
if(_valid2){
valid10 = true;
passing2 = 0;
}
const _errs44 = errors;
if(data12 !== null){
const err19 = {instancePath:instancePath+"/validTo",schemaPath:"#/properties/validTo/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid2 = _errs44 === errors;
if(_valid2 && valid10){
valid10 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid10 = true;
passing2 = 1;
}
}
if(!valid10){
const err20 = {instancePath:instancePath+"/validTo",schemaPath:"#/properties/validTo/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
validate31.errors = vErrors;
return false;
}
else {
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs39 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate31.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema65 = {"description":"A person the child must not be released to (a custody order); the reason is shown to staff.","type":"object","additionalProperties":false,"required":["entryId","childId","name","reason","cards"],"properties":{"entryId":{"$ref":"#/components/schemas/Id"},"childId":{"$ref":"#/components/schemas/Id"},"name":{"type":"string","minLength":1,"maxLength":120},"reason":{"description":"Visible to staff, e.g. \"court order 12.03.2026\".","type":"string","minLength":1,"maxLength":200},"cards":{"type":"array","maxItems":4,"items":{"$ref":"#/components/schemas/BraceletUid"}}}};

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.entryId === undefined) && (missing0 = "entryId")) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.name === undefined) && (missing0 = "name"))) || ((data.reason === undefined) && (missing0 = "reason"))) || ((data.cards === undefined) && (missing0 = "cards"))){
validate33.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "entryId") || (key0 === "childId")) || (key0 === "name")) || (key0 === "reason")) || (key0 === "cards"))){
validate33.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.entryId !== undefined){
let data0 = data.entryId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate33.errors = [{instancePath:instancePath+"/entryId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate33.errors = [{instancePath:instancePath+"/entryId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data1 = data.childId;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate33.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate33.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
let data2 = data.name;
const _errs8 = errors;
if(errors === _errs8){
if(typeof data2 === "string"){
if(func2(data2) > 120){
validate33.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func2(data2) < 1){
validate33.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reason !== undefined){
let data3 = data.reason;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data3 === "string"){
if(func2(data3) > 200){
validate33.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data3) < 1){
validate33.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cards !== undefined){
let data4 = data.cards;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data4)){
if(data4.length > 4){
validate33.errors = [{instancePath:instancePath+"/cards",schemaPath:"#/properties/cards/maxItems",keyword:"maxItems",params:{limit: 4},message:"must NOT have more than 4 items"}];
return false;
}
else {
var valid3 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern8.test(data5)){
validate33.errors = [{instancePath:instancePath+"/cards/" + i0,schemaPath:"#/components/schemas/BraceletUid/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]+:[0-9A-F]{4,40}$"},message:"must match pattern \""+"^[a-z0-9]+:[0-9A-F]{4,40}$"+"\""}];
return false;
}
}
else {
validate33.errors = [{instancePath:instancePath+"/cards/" + i0,schemaPath:"#/components/schemas/BraceletUid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs14 === errors;
if(!valid3){
break;
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/cards",schemaPath:"#/properties/cards/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate33.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.childId === undefined) && (missing0 = "childId")) || ((data.adults === undefined) && (missing0 = "adults"))) || ((data.doNotRelease === undefined) && (missing0 = "doNotRelease"))){
validate30.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "childId") || (key0 === "adults")) || (key0 === "doNotRelease"))){
validate30.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.childId !== undefined){
let data0 = data.childId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate30.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate30.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.adults !== undefined){
let data1 = data.adults;
const _errs5 = errors;
if(errors === _errs5){
if(Array.isArray(data1)){
if(data1.length > 4){
validate30.errors = [{instancePath:instancePath+"/adults",schemaPath:"#/properties/adults/maxItems",keyword:"maxItems",params:{limit: 4},message:"must NOT have more than 4 items"}];
return false;
}
else {
var valid2 = true;
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
const _errs7 = errors;
if(!(validate31(data1[i0], {instancePath:instancePath+"/adults/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
var valid2 = _errs7 === errors;
if(!valid2){
break;
}
}
}
}
else {
validate30.errors = [{instancePath:instancePath+"/adults",schemaPath:"#/properties/adults/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.doNotRelease !== undefined){
let data3 = data.doNotRelease;
const _errs8 = errors;
if(errors === _errs8){
if(Array.isArray(data3)){
var valid3 = true;
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
const _errs10 = errors;
if(!(validate33(data3[i1], {instancePath:instancePath+"/doNotRelease/" + i1,parentData:data3,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
var valid3 = _errs10 === errors;
if(!valid3){
break;
}
}
}
else {
validate30.errors = [{instancePath:instancePath+"/doNotRelease",schemaPath:"#/properties/doNotRelease/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate30.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema69 = {"type":"object","additionalProperties":false,"required":["childId","day","reason"],"properties":{"childId":{"$ref":"#/components/schemas/Id"},"day":{"$ref":"#/components/schemas/DayKey"},"reason":{"$ref":"#/components/schemas/AbsenceReason"},"note":{"type":"string","maxLength":300}}};
const schema72 = {"type":"string","enum":["illness","family","holiday","other"]};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.childId === undefined) && (missing0 = "childId")) || ((data.day === undefined) && (missing0 = "day"))) || ((data.reason === undefined) && (missing0 = "reason"))){
validate36.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((key0 === "childId") || (key0 === "day")) || (key0 === "reason")) || (key0 === "note"))){
validate36.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.childId !== undefined){
let data0 = data.childId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate36.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate36.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.day !== undefined){
let data1 = data.day;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern12.test(data1)){
validate36.errors = [{instancePath:instancePath+"/day",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate36.errors = [{instancePath:instancePath+"/day",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reason !== undefined){
let data2 = data.reason;
const _errs8 = errors;
if(typeof data2 !== "string"){
validate36.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/components/schemas/AbsenceReason/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((data2 === "illness") || (data2 === "family")) || (data2 === "holiday")) || (data2 === "other"))){
validate36.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/components/schemas/AbsenceReason/enum",keyword:"enum",params:{allowedValues: schema72.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.note !== undefined){
let data3 = data.note;
const _errs11 = errors;
if(errors === _errs11){
if(typeof data3 === "string"){
if(func2(data3) > 300){
validate36.errors = [{instancePath:instancePath+"/note",schemaPath:"#/properties/note/maxLength",keyword:"maxLength",params:{limit: 300},message:"must NOT have more than 300 characters"}];
return false;
}
}
else {
validate36.errors = [{instancePath:instancePath+"/note",schemaPath:"#/properties/note/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate36.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((((((((((data.kind === undefined) && (missing0 = "kind")) || ((data.format === undefined) && (missing0 = "format"))) || ((data.districtId === undefined) && (missing0 = "districtId"))) || ((data.siteId === undefined) && (missing0 = "siteId"))) || ((data.version === undefined) && (missing0 = "version"))) || ((data.issuedAtMs === undefined) && (missing0 = "issuedAtMs"))) || ((data.expiresAtMs === undefined) && (missing0 = "expiresAtMs"))) || ((data.children === undefined) && (missing0 = "children"))) || ((data.removedChildIds === undefined) && (missing0 = "removedChildIds"))) || ((data.consents === undefined) && (missing0 = "consents"))) || ((data.settings === undefined) && (missing0 = "settings"))) || ((data.timeZone === undefined) && (missing0 = "timeZone"))) || ((data.templates === undefined) && (missing0 = "templates"))) || ((data.rosterDigest === undefined) && (missing0 = "rosterDigest"))) || ((data.pickups === undefined) && (missing0 = "pickups"))){
validate21.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema32.properties, key0))){
validate21.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.kind !== undefined){
const _errs2 = errors;
if("full" !== data.kind){
validate21.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "full"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.format !== undefined){
const _errs3 = errors;
if("gate-kiosk-bundle/2" !== data.format){
validate21.errors = [{instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: "gate-kiosk-bundle/2"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.districtId !== undefined){
let data2 = data.districtId;
const _errs4 = errors;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate21.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.siteId !== undefined){
let data3 = data.siteId;
const _errs7 = errors;
const _errs8 = errors;
if(errors === _errs8){
if(typeof data3 === "string"){
if(!pattern4.test(data3)){
validate21.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.version !== undefined){
let data4 = data.version;
const _errs10 = errors;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
validate21.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs10){
if(typeof data4 == "number"){
if(data4 < 1 || isNaN(data4)){
validate21.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.issuedAtMs !== undefined){
let data5 = data.issuedAtMs;
const _errs12 = errors;
const _errs13 = errors;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
validate21.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs13){
if(typeof data5 == "number"){
if(data5 > 8640000000000000 || isNaN(data5)){
validate21.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data5 < 0 || isNaN(data5)){
validate21.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expiresAtMs !== undefined){
let data6 = data.expiresAtMs;
const _errs15 = errors;
const _errs16 = errors;
if(!((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6)))){
validate21.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs16){
if(typeof data6 == "number"){
if(data6 > 8640000000000000 || isNaN(data6)){
validate21.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data6 < 0 || isNaN(data6)){
validate21.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.rosterDigest !== undefined){
let data7 = data.rosterDigest;
const _errs18 = errors;
const _errs19 = errors;
if(errors === _errs19){
if(typeof data7 === "string"){
if(!pattern6.test(data7)){
validate21.errors = [{instancePath:instancePath+"/rosterDigest",schemaPath:"#/components/schemas/RosterDigest/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/rosterDigest",schemaPath:"#/components/schemas/RosterDigest/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.children !== undefined){
let data8 = data.children;
const _errs21 = errors;
if(errors === _errs21){
if(Array.isArray(data8)){
var valid6 = true;
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
const _errs23 = errors;
if(!(validate22(data8[i0], {instancePath:instancePath+"/children/" + i0,parentData:data8,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
var valid6 = _errs23 === errors;
if(!valid6){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/children",schemaPath:"#/properties/children/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs21 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.removedChildIds !== undefined){
let data10 = data.removedChildIds;
const _errs24 = errors;
if(errors === _errs24){
if(Array.isArray(data10)){
var valid7 = true;
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
const _errs26 = errors;
const _errs27 = errors;
if(errors === _errs27){
if(typeof data11 === "string"){
if(!pattern4.test(data11)){
validate21.errors = [{instancePath:instancePath+"/removedChildIds/" + i1,schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/removedChildIds/" + i1,schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid7 = _errs26 === errors;
if(!valid7){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/removedChildIds",schemaPath:"#/properties/removedChildIds/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consents !== undefined){
let data12 = data.consents;
const _errs29 = errors;
if(errors === _errs29){
if(Array.isArray(data12)){
var valid9 = true;
const len2 = data12.length;
for(let i2=0; i2<len2; i2++){
const _errs31 = errors;
if(!(validate24(data12[i2], {instancePath:instancePath+"/consents/" + i2,parentData:data12,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
var valid9 = _errs31 === errors;
if(!valid9){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/consents",schemaPath:"#/properties/consents/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs29 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.settings !== undefined){
const _errs32 = errors;
if(!(validate26(data.settings, {instancePath:instancePath+"/settings",parentData:data,parentDataProperty:"settings",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.timeZone !== undefined){
let data15 = data.timeZone;
const _errs33 = errors;
const _errs34 = errors;
if(errors === _errs34){
if(typeof data15 === "string"){
if(func2(data15) > 64){
validate21.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"}];
return false;
}
else {
if(func2(data15) < 1){
validate21.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs33 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.templates !== undefined){
let data16 = data.templates;
const _errs36 = errors;
if(errors === _errs36){
if(Array.isArray(data16)){
var valid11 = true;
const len3 = data16.length;
for(let i3=0; i3<len3; i3++){
const _errs38 = errors;
if(!(validate28(data16[i3], {instancePath:instancePath+"/templates/" + i3,parentData:data16,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
var valid11 = _errs38 === errors;
if(!valid11){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs36 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.templateKeyVersion !== undefined){
let data18 = data.templateKeyVersion;
const _errs39 = errors;
if(!((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18)))){
validate21.errors = [{instancePath:instancePath+"/templateKeyVersion",schemaPath:"#/properties/templateKeyVersion/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs39){
if(typeof data18 == "number"){
if(data18 < 1 || isNaN(data18)){
validate21.errors = [{instancePath:instancePath+"/templateKeyVersion",schemaPath:"#/properties/templateKeyVersion/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs39 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pickups !== undefined){
let data19 = data.pickups;
const _errs41 = errors;
if(errors === _errs41){
if(Array.isArray(data19)){
var valid12 = true;
const len4 = data19.length;
for(let i4=0; i4<len4; i4++){
const _errs43 = errors;
if(!(validate30(data19[i4], {instancePath:instancePath+"/pickups/" + i4,parentData:data19,parentDataProperty:i4,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
var valid12 = _errs43 === errors;
if(!valid12){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/pickups",schemaPath:"#/properties/pickups/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs41 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.absences !== undefined){
let data21 = data.absences;
const _errs44 = errors;
if(errors === _errs44){
if(Array.isArray(data21)){
var valid13 = true;
const len5 = data21.length;
for(let i5=0; i5<len5; i5++){
const _errs46 = errors;
if(!(validate36(data21[i5], {instancePath:instancePath+"/absences/" + i5,parentData:data21,parentDataProperty:i5,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
var valid13 = _errs46 === errors;
if(!valid13){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/absences",schemaPath:"#/properties/absences/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs44 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateBundleDelta = validate38;
const schema73 = {"description":"What changed since `fromVersion` (the version the tablet said it holds): every child that changed, with its\nwhole roster entry, all its consents and the templates it may have (or its id in removedChildIds), and the\nsite's settings. Children not named are as the tablet holds them.\n","type":"object","additionalProperties":false,"required":["kind","format","districtId","siteId","fromVersion","version","issuedAtMs","expiresAtMs","children","removedChildIds","consents","settings","timeZone","templates","rosterDigest","pickups"],"properties":{"kind":{"const":"delta"},"format":{"const":"gate-kiosk-bundle/2"},"districtId":{"$ref":"#/components/schemas/Id"},"siteId":{"$ref":"#/components/schemas/Id"},"fromVersion":{"type":"integer","minimum":1},"version":{"type":"integer","minimum":1},"issuedAtMs":{"$ref":"#/components/schemas/EpochMs"},"expiresAtMs":{"$ref":"#/components/schemas/EpochMs"},"children":{"type":"array","items":{"$ref":"#/components/schemas/BundleChild"}},"removedChildIds":{"type":"array","items":{"$ref":"#/components/schemas/Id"}},"consents":{"type":"array","items":{"$ref":"#/components/schemas/BundleConsent"}},"settings":{"$ref":"#/components/schemas/SiteSettings"},"timeZone":{"$ref":"#/components/schemas/SiteTimeZone"},"templates":{"type":"array","items":{"$ref":"#/components/schemas/BundleTemplate"}},"templateKeyVersion":{"type":"integer","minimum":1},"rosterDigest":{"$ref":"#/components/schemas/RosterDigest"},"pickups":{"description":"For each child the delta names in `children` that has any, all its current entries (a named child absent\nhere, or with empty lists, has none now); the tablet replaces those children's entries. Not covered by\nrosterDigest (see BundlePickups).\n","type":"array","items":{"$ref":"#/components/schemas/BundlePickups"}},"absences":{"description":"Absences reported for the children this answer carries (each child's complete list from the site's today on, by\na parent on the parents' page or by staff), so staff see \"absent: reason\" on the tablet's roster. Optional\n(absent from servers without absences); not covered by rosterDigest.\n","type":"array","items":{"$ref":"#/components/schemas/BundleAbsence"}}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((((((((((((data.kind === undefined) && (missing0 = "kind")) || ((data.format === undefined) && (missing0 = "format"))) || ((data.districtId === undefined) && (missing0 = "districtId"))) || ((data.siteId === undefined) && (missing0 = "siteId"))) || ((data.fromVersion === undefined) && (missing0 = "fromVersion"))) || ((data.version === undefined) && (missing0 = "version"))) || ((data.issuedAtMs === undefined) && (missing0 = "issuedAtMs"))) || ((data.expiresAtMs === undefined) && (missing0 = "expiresAtMs"))) || ((data.children === undefined) && (missing0 = "children"))) || ((data.removedChildIds === undefined) && (missing0 = "removedChildIds"))) || ((data.consents === undefined) && (missing0 = "consents"))) || ((data.settings === undefined) && (missing0 = "settings"))) || ((data.timeZone === undefined) && (missing0 = "timeZone"))) || ((data.templates === undefined) && (missing0 = "templates"))) || ((data.rosterDigest === undefined) && (missing0 = "rosterDigest"))) || ((data.pickups === undefined) && (missing0 = "pickups"))){
validate38.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema73.properties, key0))){
validate38.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.kind !== undefined){
const _errs2 = errors;
if("delta" !== data.kind){
validate38.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "delta"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.format !== undefined){
const _errs3 = errors;
if("gate-kiosk-bundle/2" !== data.format){
validate38.errors = [{instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: "gate-kiosk-bundle/2"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.districtId !== undefined){
let data2 = data.districtId;
const _errs4 = errors;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate38.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate38.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.siteId !== undefined){
let data3 = data.siteId;
const _errs7 = errors;
const _errs8 = errors;
if(errors === _errs8){
if(typeof data3 === "string"){
if(!pattern4.test(data3)){
validate38.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate38.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.fromVersion !== undefined){
let data4 = data.fromVersion;
const _errs10 = errors;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
validate38.errors = [{instancePath:instancePath+"/fromVersion",schemaPath:"#/properties/fromVersion/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs10){
if(typeof data4 == "number"){
if(data4 < 1 || isNaN(data4)){
validate38.errors = [{instancePath:instancePath+"/fromVersion",schemaPath:"#/properties/fromVersion/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.version !== undefined){
let data5 = data.version;
const _errs12 = errors;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
validate38.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs12){
if(typeof data5 == "number"){
if(data5 < 1 || isNaN(data5)){
validate38.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.issuedAtMs !== undefined){
let data6 = data.issuedAtMs;
const _errs14 = errors;
const _errs15 = errors;
if(!((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6)))){
validate38.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs15){
if(typeof data6 == "number"){
if(data6 > 8640000000000000 || isNaN(data6)){
validate38.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data6 < 0 || isNaN(data6)){
validate38.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expiresAtMs !== undefined){
let data7 = data.expiresAtMs;
const _errs17 = errors;
const _errs18 = errors;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
validate38.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs18){
if(typeof data7 == "number"){
if(data7 > 8640000000000000 || isNaN(data7)){
validate38.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data7 < 0 || isNaN(data7)){
validate38.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.children !== undefined){
let data8 = data.children;
const _errs20 = errors;
if(errors === _errs20){
if(Array.isArray(data8)){
var valid5 = true;
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
const _errs22 = errors;
if(!(validate22(data8[i0], {instancePath:instancePath+"/children/" + i0,parentData:data8,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
var valid5 = _errs22 === errors;
if(!valid5){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/children",schemaPath:"#/properties/children/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs20 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.removedChildIds !== undefined){
let data10 = data.removedChildIds;
const _errs23 = errors;
if(errors === _errs23){
if(Array.isArray(data10)){
var valid6 = true;
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
const _errs25 = errors;
const _errs26 = errors;
if(errors === _errs26){
if(typeof data11 === "string"){
if(!pattern4.test(data11)){
validate38.errors = [{instancePath:instancePath+"/removedChildIds/" + i1,schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate38.errors = [{instancePath:instancePath+"/removedChildIds/" + i1,schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid6 = _errs25 === errors;
if(!valid6){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/removedChildIds",schemaPath:"#/properties/removedChildIds/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consents !== undefined){
let data12 = data.consents;
const _errs28 = errors;
if(errors === _errs28){
if(Array.isArray(data12)){
var valid8 = true;
const len2 = data12.length;
for(let i2=0; i2<len2; i2++){
const _errs30 = errors;
if(!(validate24(data12[i2], {instancePath:instancePath+"/consents/" + i2,parentData:data12,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
var valid8 = _errs30 === errors;
if(!valid8){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/consents",schemaPath:"#/properties/consents/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs28 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.settings !== undefined){
const _errs31 = errors;
if(!(validate26(data.settings, {instancePath:instancePath+"/settings",parentData:data,parentDataProperty:"settings",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid0 = _errs31 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.timeZone !== undefined){
let data15 = data.timeZone;
const _errs32 = errors;
const _errs33 = errors;
if(errors === _errs33){
if(typeof data15 === "string"){
if(func2(data15) > 64){
validate38.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"}];
return false;
}
else {
if(func2(data15) < 1){
validate38.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/timeZone",schemaPath:"#/components/schemas/SiteTimeZone/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.templates !== undefined){
let data16 = data.templates;
const _errs35 = errors;
if(errors === _errs35){
if(Array.isArray(data16)){
var valid10 = true;
const len3 = data16.length;
for(let i3=0; i3<len3; i3++){
const _errs37 = errors;
if(!(validate28(data16[i3], {instancePath:instancePath+"/templates/" + i3,parentData:data16,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
var valid10 = _errs37 === errors;
if(!valid10){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs35 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.templateKeyVersion !== undefined){
let data18 = data.templateKeyVersion;
const _errs38 = errors;
if(!((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18)))){
validate38.errors = [{instancePath:instancePath+"/templateKeyVersion",schemaPath:"#/properties/templateKeyVersion/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs38){
if(typeof data18 == "number"){
if(data18 < 1 || isNaN(data18)){
validate38.errors = [{instancePath:instancePath+"/templateKeyVersion",schemaPath:"#/properties/templateKeyVersion/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs38 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.rosterDigest !== undefined){
let data19 = data.rosterDigest;
const _errs40 = errors;
const _errs41 = errors;
if(errors === _errs41){
if(typeof data19 === "string"){
if(!pattern6.test(data19)){
validate38.errors = [{instancePath:instancePath+"/rosterDigest",schemaPath:"#/components/schemas/RosterDigest/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate38.errors = [{instancePath:instancePath+"/rosterDigest",schemaPath:"#/components/schemas/RosterDigest/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs40 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pickups !== undefined){
let data20 = data.pickups;
const _errs43 = errors;
if(errors === _errs43){
if(Array.isArray(data20)){
var valid12 = true;
const len4 = data20.length;
for(let i4=0; i4<len4; i4++){
const _errs45 = errors;
if(!(validate30(data20[i4], {instancePath:instancePath+"/pickups/" + i4,parentData:data20,parentDataProperty:i4,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
var valid12 = _errs45 === errors;
if(!valid12){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/pickups",schemaPath:"#/properties/pickups/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs43 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.absences !== undefined){
let data22 = data.absences;
const _errs46 = errors;
if(errors === _errs46){
if(Array.isArray(data22)){
var valid13 = true;
const len5 = data22.length;
for(let i5=0; i5<len5; i5++){
const _errs48 = errors;
if(!(validate36(data22[i5], {instancePath:instancePath+"/absences/" + i5,parentData:data22,parentDataProperty:i5,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
var valid13 = _errs48 === errors;
if(!valid13){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/absences",schemaPath:"#/properties/absences/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs46 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate38.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate38.errors = vErrors;
return errors === 0;
}
validate38.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateBundleUnchanged = validate45;
const schema81 = {"description":"Nothing changed since the version the tablet holds; its data is fresh until expiresAtMs.","type":"object","additionalProperties":false,"required":["kind","districtId","siteId","version","issuedAtMs","expiresAtMs"],"properties":{"kind":{"const":"unchanged"},"districtId":{"$ref":"#/components/schemas/Id"},"siteId":{"$ref":"#/components/schemas/Id"},"version":{"type":"integer","minimum":1},"issuedAtMs":{"$ref":"#/components/schemas/EpochMs"},"expiresAtMs":{"$ref":"#/components/schemas/EpochMs"}}};

function validate45(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate45.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((data.kind === undefined) && (missing0 = "kind")) || ((data.districtId === undefined) && (missing0 = "districtId"))) || ((data.siteId === undefined) && (missing0 = "siteId"))) || ((data.version === undefined) && (missing0 = "version"))) || ((data.issuedAtMs === undefined) && (missing0 = "issuedAtMs"))) || ((data.expiresAtMs === undefined) && (missing0 = "expiresAtMs"))){
validate45.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((key0 === "kind") || (key0 === "districtId")) || (key0 === "siteId")) || (key0 === "version")) || (key0 === "issuedAtMs")) || (key0 === "expiresAtMs"))){
validate45.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.kind !== undefined){
const _errs2 = errors;
if("unchanged" !== data.kind){
validate45.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "unchanged"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.districtId !== undefined){
let data1 = data.districtId;
const _errs3 = errors;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate45.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate45.errors = [{instancePath:instancePath+"/districtId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.siteId !== undefined){
let data2 = data.siteId;
const _errs6 = errors;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate45.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate45.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.version !== undefined){
let data3 = data.version;
const _errs9 = errors;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
validate45.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs9){
if(typeof data3 == "number"){
if(data3 < 1 || isNaN(data3)){
validate45.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.issuedAtMs !== undefined){
let data4 = data.issuedAtMs;
const _errs11 = errors;
const _errs12 = errors;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
validate45.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs12){
if(typeof data4 == "number"){
if(data4 > 8640000000000000 || isNaN(data4)){
validate45.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data4 < 0 || isNaN(data4)){
validate45.errors = [{instancePath:instancePath+"/issuedAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expiresAtMs !== undefined){
let data5 = data.expiresAtMs;
const _errs14 = errors;
const _errs15 = errors;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
validate45.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs15){
if(typeof data5 == "number"){
if(data5 > 8640000000000000 || isNaN(data5)){
validate45.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data5 < 0 || isNaN(data5)){
validate45.errors = [{instancePath:instancePath+"/expiresAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate45.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate45.errors = vErrors;
return errors === 0;
}
validate45.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateSiteEventsPage = validate46;
const schema86 = {"description":"The answer to GET /v1/site-events.","type":"object","additionalProperties":false,"required":["siteId","day","events","tablets","cursor","more","serverTimeMs"],"properties":{"siteId":{"$ref":"#/components/schemas/Id"},"day":{"$ref":"#/components/schemas/DayKey"},"events":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/SiteEvent"}},"tablets":{"type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/SiteTablet"}},"staffOnDuty":{"description":"Staff on duty at the site's other tablets now (the same list on every page; absent from older districts).","type":"array","maxItems":500,"items":{"$ref":"#/components/schemas/SiteStaffOnDuty"}},"cursor":{"$ref":"#/components/schemas/SiteEventsCursor"},"more":{"type":"boolean"},"serverTimeMs":{"$ref":"#/components/schemas/EpochMs"}}};
const schema116 = {"description":"Where the previous page ended (opaque to the tablet): `<deviceId>.<seq>` per tablet delivered so far, joined by\n`~` (an empty string: from the start).\n","type":"string","maxLength":4096,"pattern":"^([A-Za-z0-9_-]{1,64}\\.[0-9]{1,10}(~[A-Za-z0-9_-]{1,64}\\.[0-9]{1,10})*)?$"};
const pattern56 = new RegExp("^([A-Za-z0-9_-]{1,64}\\.[0-9]{1,10}(~[A-Za-z0-9_-]{1,64}\\.[0-9]{1,10})*)?$", "u");
const schema89 = {"description":"An attendance event of another tablet of the site, as that tablet pushed it, with the tablet's name.","type":"object","additionalProperties":false,"required":["deviceName","event"],"properties":{"deviceName":{"type":"string","maxLength":80},"event":{"$ref":"#/components/schemas/AttendanceEvent"}}};
const schema90 = {"oneOf":[{"$ref":"#/components/schemas/MarkEvent"},{"$ref":"#/components/schemas/CorrectionEvent"}]};
const schema91 = {"type":"object","additionalProperties":false,"required":["type","id","deviceId","seq","prevHash","childId","dayKey","atMs","direction","method","score"],"properties":{"type":{"const":"mark"},"id":{"$ref":"#/components/schemas/Uuid"},"deviceId":{"$ref":"#/components/schemas/Id"},"seq":{"type":"integer","minimum":1},"prevHash":{"$ref":"#/components/schemas/Sha256Hex"},"childId":{"$ref":"#/components/schemas/Id"},"dayKey":{"$ref":"#/components/schemas/DayKey"},"atMs":{"$ref":"#/components/schemas/EpochMs"},"staffNote":{"type":"string","maxLength":500},"staffMember":{"$ref":"#/components/schemas/StaffMember"},"direction":{"type":"string","enum":["in","out"]},"method":{"type":"string","enum":["face","bracelet","staff"]},"score":{"type":["number","null"]},"pad":{"$ref":"#/components/schemas/PadEvidence"},"pickup":{"$ref":"#/components/schemas/PickupConfirmation"},"presence":{"type":"string","enum":["person","nobody"],"description":"A bracelet mark at a site with presenceEvidence on: whether the face detector saw a person in front of the camera when the bracelet was tapped (one word; no image, no embedding). Absent when the setting is off, on face and staff marks, and when the camera was not delivering frames (no evidence either way)."}}};
const schema92 = {"type":"string","pattern":"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"};
const schema100 = {"description":"A face check-in's presentation-attack (PAD) check, numbers only (src/core/pad/evidence.ts): the fused result over\nthe frames of the approach (live, attack, unsure) and why, the passive model's combined and lowest p(live), the\nframes it scored, the geometric cue (depth, plane, none) with the nose parallax in noise units and the largest\nout-of-plane tilt, the model (file and sha256 prefix) and the fusion rule's version. A result other than live is\nflagged for review.\n","type":"object","additionalProperties":false,"required":["result","reason","liveness","livenessMin","frames","geometry","parallaxZ","tiltDeg","model","rule"],"properties":{"result":{"type":"string","enum":["live","attack","unsure"]},"reason":{"type":"string","maxLength":40},"liveness":{"type":["number","null"],"minimum":0,"maximum":1},"livenessMin":{"type":["number","null"],"minimum":0,"maximum":1},"frames":{"type":"integer","minimum":0,"maximum":1000},"geometry":{"type":"string","enum":["depth","plane","none"]},"parallaxZ":{"type":"number"},"tiltDeg":{"type":"number"},"model":{"type":"string","maxLength":80},"rule":{"type":"string","maxLength":40}}};
const pattern42 = new RegExp("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", "u");
const schema98 = {"description":"Who made a hand mark (method staff) or a correction: the member of staff on duty at the tablet who chose themselves\nin the staff panel, as their duty sign-in's id and the name they typed (tablets share one staff PIN: a name, not a\nverified identity). Read by the district on staff marks and corrections only.\n","type":"object","additionalProperties":false,"required":["dutyId","name"],"properties":{"dutyId":{"$ref":"#/components/schemas/Uuid"},"name":{"type":"string","minLength":1,"maxLength":60}}};

function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate50.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.dutyId === undefined) && (missing0 = "dutyId")) || ((data.name === undefined) && (missing0 = "name"))){
validate50.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "dutyId") || (key0 === "name"))){
validate50.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.dutyId !== undefined){
let data0 = data.dutyId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern42.test(data0)){
validate50.errors = [{instancePath:instancePath+"/dutyId",schemaPath:"#/components/schemas/Uuid/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},message:"must match pattern \""+"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"+"\""}];
return false;
}
}
else {
validate50.errors = [{instancePath:instancePath+"/dutyId",schemaPath:"#/components/schemas/Uuid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
let data1 = data.name;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data1 === "string"){
if(func2(data1) > 60){
validate50.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 60},message:"must NOT have more than 60 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate50.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate50.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate50.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate50.errors = vErrors;
return errors === 0;
}
validate50.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema101 = {"description":"A check-out of a child whose group needs an authorised pickup (site setting pickupGroups): who collected the child\n(the pickup entry's id, never a name) and how the tablet confirmed them: `card` (the adult's own card or bracelet),\n`code` (their pickup code, checked against its PickupCodeHash on the tablet), `staff` (a teacher chose them from\nthe child's list behind the staff PIN). Only on a check-out (direction out); the district refuses it elsewhere as\n`pickup-not-on-check-out`.\n","type":"object","additionalProperties":false,"required":["pickupId","method"],"properties":{"pickupId":{"$ref":"#/components/schemas/Id"},"method":{"type":"string","enum":["card","code","staff"]}}};

function validate52(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate52.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.pickupId === undefined) && (missing0 = "pickupId")) || ((data.method === undefined) && (missing0 = "method"))){
validate52.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "pickupId") || (key0 === "method"))){
validate52.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.pickupId !== undefined){
let data0 = data.pickupId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate52.errors = [{instancePath:instancePath+"/pickupId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate52.errors = [{instancePath:instancePath+"/pickupId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.method !== undefined){
let data1 = data.method;
const _errs5 = errors;
if(typeof data1 !== "string"){
validate52.errors = [{instancePath:instancePath+"/method",schemaPath:"#/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data1 === "card") || (data1 === "code")) || (data1 === "staff"))){
validate52.errors = [{instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema101.properties.method.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate52.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate52.errors = vErrors;
return errors === 0;
}
validate52.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate49.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((((((data.type === undefined) && (missing0 = "type")) || ((data.id === undefined) && (missing0 = "id"))) || ((data.deviceId === undefined) && (missing0 = "deviceId"))) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.prevHash === undefined) && (missing0 = "prevHash"))) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.dayKey === undefined) && (missing0 = "dayKey"))) || ((data.atMs === undefined) && (missing0 = "atMs"))) || ((data.direction === undefined) && (missing0 = "direction"))) || ((data.method === undefined) && (missing0 = "method"))) || ((data.score === undefined) && (missing0 = "score"))){
validate49.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema91.properties, key0))){
validate49.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.type !== undefined){
const _errs2 = errors;
if("mark" !== data.type){
validate49.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "mark"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.id !== undefined){
let data1 = data.id;
const _errs3 = errors;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data1 === "string"){
if(!pattern42.test(data1)){
validate49.errors = [{instancePath:instancePath+"/id",schemaPath:"#/components/schemas/Uuid/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},message:"must match pattern \""+"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"+"\""}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/id",schemaPath:"#/components/schemas/Uuid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.deviceId !== undefined){
let data2 = data.deviceId;
const _errs6 = errors;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate49.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data3 = data.seq;
const _errs9 = errors;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
validate49.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs9){
if(typeof data3 == "number"){
if(data3 < 1 || isNaN(data3)){
validate49.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.prevHash !== undefined){
let data4 = data.prevHash;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data4 === "string"){
if(!pattern6.test(data4)){
validate49.errors = [{instancePath:instancePath+"/prevHash",schemaPath:"#/components/schemas/Sha256Hex/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/prevHash",schemaPath:"#/components/schemas/Sha256Hex/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data5 = data.childId;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern4.test(data5)){
validate49.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.dayKey !== undefined){
let data6 = data.dayKey;
const _errs17 = errors;
const _errs18 = errors;
if(errors === _errs18){
if(typeof data6 === "string"){
if(!pattern12.test(data6)){
validate49.errors = [{instancePath:instancePath+"/dayKey",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/dayKey",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.atMs !== undefined){
let data7 = data.atMs;
const _errs20 = errors;
const _errs21 = errors;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
validate49.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs21){
if(typeof data7 == "number"){
if(data7 > 8640000000000000 || isNaN(data7)){
validate49.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data7 < 0 || isNaN(data7)){
validate49.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs20 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.staffNote !== undefined){
let data8 = data.staffNote;
const _errs23 = errors;
if(errors === _errs23){
if(typeof data8 === "string"){
if(func2(data8) > 500){
validate49.errors = [{instancePath:instancePath+"/staffNote",schemaPath:"#/properties/staffNote/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/staffNote",schemaPath:"#/properties/staffNote/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.staffMember !== undefined){
const _errs25 = errors;
if(!(validate50(data.staffMember, {instancePath:instancePath+"/staffMember",parentData:data,parentDataProperty:"staffMember",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.direction !== undefined){
let data10 = data.direction;
const _errs26 = errors;
if(typeof data10 !== "string"){
validate49.errors = [{instancePath:instancePath+"/direction",schemaPath:"#/properties/direction/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data10 === "in") || (data10 === "out"))){
validate49.errors = [{instancePath:instancePath+"/direction",schemaPath:"#/properties/direction/enum",keyword:"enum",params:{allowedValues: schema91.properties.direction.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs26 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.method !== undefined){
let data11 = data.method;
const _errs28 = errors;
if(typeof data11 !== "string"){
validate49.errors = [{instancePath:instancePath+"/method",schemaPath:"#/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data11 === "face") || (data11 === "bracelet")) || (data11 === "staff"))){
validate49.errors = [{instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema91.properties.method.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs28 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.score !== undefined){
let data12 = data.score;
const _errs30 = errors;
if((!(typeof data12 == "number")) && (data12 !== null)){
validate49.errors = [{instancePath:instancePath+"/score",schemaPath:"#/properties/score/type",keyword:"type",params:{type: schema91.properties.score.type},message:"must be number,null"}];
return false;
}
var valid0 = _errs30 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pad !== undefined){
let data13 = data.pad;
const _errs32 = errors;
const _errs33 = errors;
if(errors === _errs33){
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
let missing1;
if(((((((((((data13.result === undefined) && (missing1 = "result")) || ((data13.reason === undefined) && (missing1 = "reason"))) || ((data13.liveness === undefined) && (missing1 = "liveness"))) || ((data13.livenessMin === undefined) && (missing1 = "livenessMin"))) || ((data13.frames === undefined) && (missing1 = "frames"))) || ((data13.geometry === undefined) && (missing1 = "geometry"))) || ((data13.parallaxZ === undefined) && (missing1 = "parallaxZ"))) || ((data13.tiltDeg === undefined) && (missing1 = "tiltDeg"))) || ((data13.model === undefined) && (missing1 = "model"))) || ((data13.rule === undefined) && (missing1 = "rule"))){
validate49.errors = [{instancePath:instancePath+"/pad",schemaPath:"#/components/schemas/PadEvidence/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs35 = errors;
for(const key1 in data13){
if(!(func1.call(schema100.properties, key1))){
validate49.errors = [{instancePath:instancePath+"/pad",schemaPath:"#/components/schemas/PadEvidence/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs35 === errors){
if(data13.result !== undefined){
let data14 = data13.result;
const _errs36 = errors;
if(typeof data14 !== "string"){
validate49.errors = [{instancePath:instancePath+"/pad/result",schemaPath:"#/components/schemas/PadEvidence/properties/result/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data14 === "live") || (data14 === "attack")) || (data14 === "unsure"))){
validate49.errors = [{instancePath:instancePath+"/pad/result",schemaPath:"#/components/schemas/PadEvidence/properties/result/enum",keyword:"enum",params:{allowedValues: schema100.properties.result.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid8 = _errs36 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.reason !== undefined){
let data15 = data13.reason;
const _errs38 = errors;
if(errors === _errs38){
if(typeof data15 === "string"){
if(func2(data15) > 40){
validate49.errors = [{instancePath:instancePath+"/pad/reason",schemaPath:"#/components/schemas/PadEvidence/properties/reason/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters"}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/pad/reason",schemaPath:"#/components/schemas/PadEvidence/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs38 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.liveness !== undefined){
let data16 = data13.liveness;
const _errs40 = errors;
if((!(typeof data16 == "number")) && (data16 !== null)){
validate49.errors = [{instancePath:instancePath+"/pad/liveness",schemaPath:"#/components/schemas/PadEvidence/properties/liveness/type",keyword:"type",params:{type: schema100.properties.liveness.type},message:"must be number,null"}];
return false;
}
if(errors === _errs40){
if(typeof data16 == "number"){
if(data16 > 1 || isNaN(data16)){
validate49.errors = [{instancePath:instancePath+"/pad/liveness",schemaPath:"#/components/schemas/PadEvidence/properties/liveness/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"}];
return false;
}
else {
if(data16 < 0 || isNaN(data16)){
validate49.errors = [{instancePath:instancePath+"/pad/liveness",schemaPath:"#/components/schemas/PadEvidence/properties/liveness/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid8 = _errs40 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.livenessMin !== undefined){
let data17 = data13.livenessMin;
const _errs42 = errors;
if((!(typeof data17 == "number")) && (data17 !== null)){
validate49.errors = [{instancePath:instancePath+"/pad/livenessMin",schemaPath:"#/components/schemas/PadEvidence/properties/livenessMin/type",keyword:"type",params:{type: schema100.properties.livenessMin.type},message:"must be number,null"}];
return false;
}
if(errors === _errs42){
if(typeof data17 == "number"){
if(data17 > 1 || isNaN(data17)){
validate49.errors = [{instancePath:instancePath+"/pad/livenessMin",schemaPath:"#/components/schemas/PadEvidence/properties/livenessMin/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"}];
return false;
}
else {
if(data17 < 0 || isNaN(data17)){
validate49.errors = [{instancePath:instancePath+"/pad/livenessMin",schemaPath:"#/components/schemas/PadEvidence/properties/livenessMin/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid8 = _errs42 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.frames !== undefined){
let data18 = data13.frames;
const _errs44 = errors;
if(!((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18)))){
validate49.errors = [{instancePath:instancePath+"/pad/frames",schemaPath:"#/components/schemas/PadEvidence/properties/frames/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs44){
if(typeof data18 == "number"){
if(data18 > 1000 || isNaN(data18)){
validate49.errors = [{instancePath:instancePath+"/pad/frames",schemaPath:"#/components/schemas/PadEvidence/properties/frames/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"}];
return false;
}
else {
if(data18 < 0 || isNaN(data18)){
validate49.errors = [{instancePath:instancePath+"/pad/frames",schemaPath:"#/components/schemas/PadEvidence/properties/frames/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid8 = _errs44 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.geometry !== undefined){
let data19 = data13.geometry;
const _errs46 = errors;
if(typeof data19 !== "string"){
validate49.errors = [{instancePath:instancePath+"/pad/geometry",schemaPath:"#/components/schemas/PadEvidence/properties/geometry/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data19 === "depth") || (data19 === "plane")) || (data19 === "none"))){
validate49.errors = [{instancePath:instancePath+"/pad/geometry",schemaPath:"#/components/schemas/PadEvidence/properties/geometry/enum",keyword:"enum",params:{allowedValues: schema100.properties.geometry.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid8 = _errs46 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.parallaxZ !== undefined){
const _errs48 = errors;
if(!(typeof data13.parallaxZ == "number")){
validate49.errors = [{instancePath:instancePath+"/pad/parallaxZ",schemaPath:"#/components/schemas/PadEvidence/properties/parallaxZ/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid8 = _errs48 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.tiltDeg !== undefined){
const _errs50 = errors;
if(!(typeof data13.tiltDeg == "number")){
validate49.errors = [{instancePath:instancePath+"/pad/tiltDeg",schemaPath:"#/components/schemas/PadEvidence/properties/tiltDeg/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid8 = _errs50 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.model !== undefined){
let data22 = data13.model;
const _errs52 = errors;
if(errors === _errs52){
if(typeof data22 === "string"){
if(func2(data22) > 80){
validate49.errors = [{instancePath:instancePath+"/pad/model",schemaPath:"#/components/schemas/PadEvidence/properties/model/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/pad/model",schemaPath:"#/components/schemas/PadEvidence/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs52 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data13.rule !== undefined){
let data23 = data13.rule;
const _errs54 = errors;
if(errors === _errs54){
if(typeof data23 === "string"){
if(func2(data23) > 40){
validate49.errors = [{instancePath:instancePath+"/pad/rule",schemaPath:"#/components/schemas/PadEvidence/properties/rule/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters"}];
return false;
}
}
else {
validate49.errors = [{instancePath:instancePath+"/pad/rule",schemaPath:"#/components/schemas/PadEvidence/properties/rule/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs54 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/pad",schemaPath:"#/components/schemas/PadEvidence/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pickup !== undefined){
const _errs56 = errors;
if(!(validate52(data.pickup, {instancePath:instancePath+"/pickup",parentData:data,parentDataProperty:"pickup",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate52.errors : vErrors.concat(validate52.errors);
errors = vErrors.length;
}
var valid0 = _errs56 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.presence !== undefined){
let data25 = data.presence;
const _errs57 = errors;
if(typeof data25 !== "string"){
validate49.errors = [{instancePath:instancePath+"/presence",schemaPath:"#/properties/presence/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data25 === "person") || (data25 === "nobody"))){
validate49.errors = [{instancePath:instancePath+"/presence",schemaPath:"#/properties/presence/enum",keyword:"enum",params:{allowedValues: schema91.properties.presence.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs57 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate49.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate49.errors = vErrors;
return errors === 0;
}
validate49.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema103 = {"type":"object","additionalProperties":false,"required":["type","id","deviceId","seq","prevHash","childId","dayKey","atMs","corrects","direction"],"properties":{"type":{"const":"correction"},"id":{"$ref":"#/components/schemas/Uuid"},"deviceId":{"$ref":"#/components/schemas/Id"},"seq":{"type":"integer","minimum":1},"prevHash":{"$ref":"#/components/schemas/Sha256Hex"},"childId":{"$ref":"#/components/schemas/Id"},"dayKey":{"$ref":"#/components/schemas/DayKey"},"atMs":{"$ref":"#/components/schemas/EpochMs"},"staffNote":{"type":"string","maxLength":500},"staffMember":{"$ref":"#/components/schemas/StaffMember"},"corrects":{"$ref":"#/components/schemas/Uuid"},"direction":{"enum":["in","out",null]}}};

function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate55.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((((((data.type === undefined) && (missing0 = "type")) || ((data.id === undefined) && (missing0 = "id"))) || ((data.deviceId === undefined) && (missing0 = "deviceId"))) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.prevHash === undefined) && (missing0 = "prevHash"))) || ((data.childId === undefined) && (missing0 = "childId"))) || ((data.dayKey === undefined) && (missing0 = "dayKey"))) || ((data.atMs === undefined) && (missing0 = "atMs"))) || ((data.corrects === undefined) && (missing0 = "corrects"))) || ((data.direction === undefined) && (missing0 = "direction"))){
validate55.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema103.properties, key0))){
validate55.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.type !== undefined){
const _errs2 = errors;
if("correction" !== data.type){
validate55.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "correction"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.id !== undefined){
let data1 = data.id;
const _errs3 = errors;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data1 === "string"){
if(!pattern42.test(data1)){
validate55.errors = [{instancePath:instancePath+"/id",schemaPath:"#/components/schemas/Uuid/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},message:"must match pattern \""+"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/id",schemaPath:"#/components/schemas/Uuid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.deviceId !== undefined){
let data2 = data.deviceId;
const _errs6 = errors;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate55.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data3 = data.seq;
const _errs9 = errors;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
validate55.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs9){
if(typeof data3 == "number"){
if(data3 < 1 || isNaN(data3)){
validate55.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.prevHash !== undefined){
let data4 = data.prevHash;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data4 === "string"){
if(!pattern6.test(data4)){
validate55.errors = [{instancePath:instancePath+"/prevHash",schemaPath:"#/components/schemas/Sha256Hex/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/prevHash",schemaPath:"#/components/schemas/Sha256Hex/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.childId !== undefined){
let data5 = data.childId;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern4.test(data5)){
validate55.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/childId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.dayKey !== undefined){
let data6 = data.dayKey;
const _errs17 = errors;
const _errs18 = errors;
if(errors === _errs18){
if(typeof data6 === "string"){
if(!pattern12.test(data6)){
validate55.errors = [{instancePath:instancePath+"/dayKey",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/dayKey",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.atMs !== undefined){
let data7 = data.atMs;
const _errs20 = errors;
const _errs21 = errors;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
validate55.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs21){
if(typeof data7 == "number"){
if(data7 > 8640000000000000 || isNaN(data7)){
validate55.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data7 < 0 || isNaN(data7)){
validate55.errors = [{instancePath:instancePath+"/atMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs20 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.staffNote !== undefined){
let data8 = data.staffNote;
const _errs23 = errors;
if(errors === _errs23){
if(typeof data8 === "string"){
if(func2(data8) > 500){
validate55.errors = [{instancePath:instancePath+"/staffNote",schemaPath:"#/properties/staffNote/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/staffNote",schemaPath:"#/properties/staffNote/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.staffMember !== undefined){
const _errs25 = errors;
if(!(validate50(data.staffMember, {instancePath:instancePath+"/staffMember",parentData:data,parentDataProperty:"staffMember",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.corrects !== undefined){
let data10 = data.corrects;
const _errs26 = errors;
const _errs27 = errors;
if(errors === _errs27){
if(typeof data10 === "string"){
if(!pattern42.test(data10)){
validate55.errors = [{instancePath:instancePath+"/corrects",schemaPath:"#/components/schemas/Uuid/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},message:"must match pattern \""+"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/corrects",schemaPath:"#/components/schemas/Uuid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs26 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.direction !== undefined){
let data11 = data.direction;
const _errs29 = errors;
if(!(((data11 === "in") || (data11 === "out")) || (data11 === null))){
validate55.errors = [{instancePath:instancePath+"/direction",schemaPath:"#/properties/direction/enum",keyword:"enum",params:{allowedValues: schema103.properties.direction.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs29 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate55.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate55.errors = vErrors;
return errors === 0;
}
validate55.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate48.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(!(validate49(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
var props0 = true;
}
const _errs2 = errors;
if(!(validate55(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
var _valid0 = _errs2 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
if(props0 !== true){
props0 = true;
}
}
}
if(!valid0){
const err0 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
validate48.errors = vErrors;
return false;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate48.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate48.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate47(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate47.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.deviceName === undefined) && (missing0 = "deviceName")) || ((data.event === undefined) && (missing0 = "event"))){
validate47.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "deviceName") || (key0 === "event"))){
validate47.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.deviceName !== undefined){
let data0 = data.deviceName;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(func2(data0) > 80){
validate47.errors = [{instancePath:instancePath+"/deviceName",schemaPath:"#/properties/deviceName/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate47.errors = [{instancePath:instancePath+"/deviceName",schemaPath:"#/properties/deviceName/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.event !== undefined){
const _errs4 = errors;
if(!(validate48(data.event, {instancePath:instancePath+"/event",parentData:data,parentDataProperty:"event",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate47.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate47.errors = vErrors;
return errors === 0;
}
validate47.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema111 = {"description":"Another paired tablet of the site; `lastSeenAtMs` is the district's time of its last sync (null before any).","type":"object","additionalProperties":false,"required":["deviceId","name","lastSeenAtMs"],"properties":{"deviceId":{"$ref":"#/components/schemas/Id"},"name":{"type":"string","maxLength":80},"lastSeenAtMs":{"oneOf":[{"$ref":"#/components/schemas/EpochMs"},{"type":"null"}]}}};

function validate60(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate60.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.deviceId === undefined) && (missing0 = "deviceId")) || ((data.name === undefined) && (missing0 = "name"))) || ((data.lastSeenAtMs === undefined) && (missing0 = "lastSeenAtMs"))){
validate60.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "deviceId") || (key0 === "name")) || (key0 === "lastSeenAtMs"))){
validate60.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.deviceId !== undefined){
let data0 = data.deviceId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate60.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate60.errors = [{instancePath:instancePath+"/deviceId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
let data1 = data.name;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data1 === "string"){
if(func2(data1) > 80){
validate60.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate60.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.lastSeenAtMs !== undefined){
let data2 = data.lastSeenAtMs;
const _errs7 = errors;
const _errs8 = errors;
let valid2 = false;
let passing0 = null;
const _errs9 = errors;
const _errs10 = errors;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err0 = {instancePath:instancePath+"/lastSeenAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(errors === _errs10){
if(typeof data2 == "number"){
if(data2 > 8640000000000000 || isNaN(data2)){
const err1 = {instancePath:instancePath+"/lastSeenAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
else {
if(data2 < 0 || isNaN(data2)){
const err2 = {instancePath:instancePath+"/lastSeenAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
}
var _valid0 = _errs9 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs12 = errors;
if(data2 !== null){
const err3 = {instancePath:instancePath+"/lastSeenAtMs",schemaPath:"#/properties/lastSeenAtMs/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs12 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err4 = {instancePath:instancePath+"/lastSeenAtMs",schemaPath:"#/properties/lastSeenAtMs/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
validate60.errors = vErrors;
return false;
}
else {
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate60.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate60.errors = vErrors;
return errors === 0;
}
validate60.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema114 = {"description":"A member of staff on duty at another tablet of the site now (signed in there on the site's today and not signed out, as that tablet's audit log reached the district): the name they typed, the group they look after (or null) and since when (the tablet's time), with the tablet's name. For the roll call's list of adults on site.","type":"object","additionalProperties":false,"required":["deviceName","dutyId","name","group","signedInAtMs"],"properties":{"deviceName":{"type":"string","maxLength":80},"dutyId":{"type":"string","minLength":1,"maxLength":64},"name":{"type":"string","minLength":1,"maxLength":60},"group":{"oneOf":[{"type":"string","maxLength":120},{"type":"null"}]},"signedInAtMs":{"$ref":"#/components/schemas/EpochMs"}}};

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate62.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.deviceName === undefined) && (missing0 = "deviceName")) || ((data.dutyId === undefined) && (missing0 = "dutyId"))) || ((data.name === undefined) && (missing0 = "name"))) || ((data.group === undefined) && (missing0 = "group"))) || ((data.signedInAtMs === undefined) && (missing0 = "signedInAtMs"))){
validate62.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "deviceName") || (key0 === "dutyId")) || (key0 === "name")) || (key0 === "group")) || (key0 === "signedInAtMs"))){
validate62.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.deviceName !== undefined){
let data0 = data.deviceName;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(func2(data0) > 80){
validate62.errors = [{instancePath:instancePath+"/deviceName",schemaPath:"#/properties/deviceName/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"}];
return false;
}
}
else {
validate62.errors = [{instancePath:instancePath+"/deviceName",schemaPath:"#/properties/deviceName/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.dutyId !== undefined){
let data1 = data.dutyId;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data1 === "string"){
if(func2(data1) > 64){
validate62.errors = [{instancePath:instancePath+"/dutyId",schemaPath:"#/properties/dutyId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate62.errors = [{instancePath:instancePath+"/dutyId",schemaPath:"#/properties/dutyId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate62.errors = [{instancePath:instancePath+"/dutyId",schemaPath:"#/properties/dutyId/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
let data2 = data.name;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data2 === "string"){
if(func2(data2) > 60){
validate62.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 60},message:"must NOT have more than 60 characters"}];
return false;
}
else {
if(func2(data2) < 1){
validate62.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate62.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.group !== undefined){
let data3 = data.group;
const _errs8 = errors;
const _errs9 = errors;
let valid1 = false;
let passing0 = null;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data3 === "string"){
if(func2(data3) > 120){
const err0 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/oneOf/0/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs10 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs12 = errors;
if(data3 !== null){
const err2 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs12 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err3 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate62.errors = vErrors;
return false;
}
else {
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.signedInAtMs !== undefined){
let data4 = data.signedInAtMs;
const _errs14 = errors;
const _errs15 = errors;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
validate62.errors = [{instancePath:instancePath+"/signedInAtMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs15){
if(typeof data4 == "number"){
if(data4 > 8640000000000000 || isNaN(data4)){
validate62.errors = [{instancePath:instancePath+"/signedInAtMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data4 < 0 || isNaN(data4)){
validate62.errors = [{instancePath:instancePath+"/signedInAtMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate62.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate62.errors = vErrors;
return errors === 0;
}
validate62.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate46.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((data.siteId === undefined) && (missing0 = "siteId")) || ((data.day === undefined) && (missing0 = "day"))) || ((data.events === undefined) && (missing0 = "events"))) || ((data.tablets === undefined) && (missing0 = "tablets"))) || ((data.cursor === undefined) && (missing0 = "cursor"))) || ((data.more === undefined) && (missing0 = "more"))) || ((data.serverTimeMs === undefined) && (missing0 = "serverTimeMs"))){
validate46.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((((key0 === "siteId") || (key0 === "day")) || (key0 === "events")) || (key0 === "tablets")) || (key0 === "staffOnDuty")) || (key0 === "cursor")) || (key0 === "more")) || (key0 === "serverTimeMs"))){
validate46.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.siteId !== undefined){
let data0 = data.siteId;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
validate46.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate46.errors = [{instancePath:instancePath+"/siteId",schemaPath:"#/components/schemas/Id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.day !== undefined){
let data1 = data.day;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern12.test(data1)){
validate46.errors = [{instancePath:instancePath+"/day",schemaPath:"#/components/schemas/DayKey/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},message:"must match pattern \""+"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"+"\""}];
return false;
}
}
else {
validate46.errors = [{instancePath:instancePath+"/day",schemaPath:"#/components/schemas/DayKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.events !== undefined){
let data2 = data.events;
const _errs8 = errors;
if(errors === _errs8){
if(Array.isArray(data2)){
if(data2.length > 500){
validate46.errors = [{instancePath:instancePath+"/events",schemaPath:"#/properties/events/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"}];
return false;
}
else {
var valid3 = true;
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
const _errs10 = errors;
if(!(validate47(data2[i0], {instancePath:instancePath+"/events/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate47.errors : vErrors.concat(validate47.errors);
errors = vErrors.length;
}
var valid3 = _errs10 === errors;
if(!valid3){
break;
}
}
}
}
else {
validate46.errors = [{instancePath:instancePath+"/events",schemaPath:"#/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tablets !== undefined){
let data4 = data.tablets;
const _errs11 = errors;
if(errors === _errs11){
if(Array.isArray(data4)){
if(data4.length > 500){
validate46.errors = [{instancePath:instancePath+"/tablets",schemaPath:"#/properties/tablets/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"}];
return false;
}
else {
var valid4 = true;
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
const _errs13 = errors;
if(!(validate60(data4[i1], {instancePath:instancePath+"/tablets/" + i1,parentData:data4,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate60.errors : vErrors.concat(validate60.errors);
errors = vErrors.length;
}
var valid4 = _errs13 === errors;
if(!valid4){
break;
}
}
}
}
else {
validate46.errors = [{instancePath:instancePath+"/tablets",schemaPath:"#/properties/tablets/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.staffOnDuty !== undefined){
let data6 = data.staffOnDuty;
const _errs14 = errors;
if(errors === _errs14){
if(Array.isArray(data6)){
if(data6.length > 500){
validate46.errors = [{instancePath:instancePath+"/staffOnDuty",schemaPath:"#/properties/staffOnDuty/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"}];
return false;
}
else {
var valid5 = true;
const len2 = data6.length;
for(let i2=0; i2<len2; i2++){
const _errs16 = errors;
if(!(validate62(data6[i2], {instancePath:instancePath+"/staffOnDuty/" + i2,parentData:data6,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid5 = _errs16 === errors;
if(!valid5){
break;
}
}
}
}
else {
validate46.errors = [{instancePath:instancePath+"/staffOnDuty",schemaPath:"#/properties/staffOnDuty/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cursor !== undefined){
let data8 = data.cursor;
const _errs17 = errors;
const _errs18 = errors;
if(errors === _errs18){
if(typeof data8 === "string"){
if(func2(data8) > 4096){
validate46.errors = [{instancePath:instancePath+"/cursor",schemaPath:"#/components/schemas/SiteEventsCursor/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters"}];
return false;
}
else {
if(!pattern56.test(data8)){
validate46.errors = [{instancePath:instancePath+"/cursor",schemaPath:"#/components/schemas/SiteEventsCursor/pattern",keyword:"pattern",params:{pattern: "^([A-Za-z0-9_-]{1,64}\\.[0-9]{1,10}(~[A-Za-z0-9_-]{1,64}\\.[0-9]{1,10})*)?$"},message:"must match pattern \""+"^([A-Za-z0-9_-]{1,64}\\.[0-9]{1,10}(~[A-Za-z0-9_-]{1,64}\\.[0-9]{1,10})*)?$"+"\""}];
return false;
}
}
}
else {
validate46.errors = [{instancePath:instancePath+"/cursor",schemaPath:"#/components/schemas/SiteEventsCursor/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.more !== undefined){
const _errs20 = errors;
if(typeof data.more !== "boolean"){
validate46.errors = [{instancePath:instancePath+"/more",schemaPath:"#/properties/more/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs20 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.serverTimeMs !== undefined){
let data10 = data.serverTimeMs;
const _errs22 = errors;
const _errs23 = errors;
if(!((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10)))){
validate46.errors = [{instancePath:instancePath+"/serverTimeMs",schemaPath:"#/components/schemas/EpochMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs23){
if(typeof data10 == "number"){
if(data10 > 8640000000000000 || isNaN(data10)){
validate46.errors = [{instancePath:instancePath+"/serverTimeMs",schemaPath:"#/components/schemas/EpochMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8640000000000000},message:"must be <= 8640000000000000"}];
return false;
}
else {
if(data10 < 0 || isNaN(data10)){
validate46.errors = [{instancePath:instancePath+"/serverTimeMs",schemaPath:"#/components/schemas/EpochMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs22 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate46.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate46.errors = vErrors;
return errors === 0;
}
validate46.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

