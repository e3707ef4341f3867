// Generated from api/openapi.yaml by scripts/gen-api-types.ts (`npm run gen:api`); do not edit by hand.
export type paths = {
    "/v1/pair": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Binds a tablet's public key to the site of a one-time pairing code. */
        post: operations["pairDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's epoch and what it holds of this device's chain. */
        get: operations["getDeviceState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stores attendance events of the signing device, in sequence order. */
        post: operations["pushEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stores an encrypted face template; refused for a child without an active face consent.
         * @description A template of an older key version that the district still keeps (a tablet that enrolled before it learned of a
         *     re-key) is opened, re-keyed to the current version and stored as such. One of a retired or unknown version is
         *     refused with 409 `template-key-retired` / `template-key-unknown`: the tablet renews its templates at its next
         *     bundle and uploads again. One that does not open under its version is refused with 400 `template-unreadable`.
         */
        post: operations["uploadTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/template-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The district's current template key, for a paired tablet that lacks it (paired before keys were sent). */
        get: operations["getTemplateKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wrap-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A tablet paired before template keys were wrapped gives its wrapping key (ECDH P-256), once.
         * @description From then on GET /v1/template-key answers the key wrapped to it (TemplateKey.wrapped), never in clear. The
         *     request is signed by the tablet like every device request, so nobody else can give a key in its name. The same
         *     key again is answered as registered; another key once one is set is refused with 409 `wrap-key-set`.
         */
        post: operations["registerWrapKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/template-key/renewed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The tablet renewed every template it holds to this key version (after a district re-key).
         * @description The district keeps an older key version only until every paired tablet confirmed a newer one (or was unpaired):
         *     then the old secret is deleted and templates still made under it are refused with 409 `template-key-retired`.
         */
        post: operations["confirmTemplateKeyRenewal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purge-receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receipts of templates the tablet deleted (consent revoked, child removed).
         * @description A batch with a receipt for a child that was never on the tablet's site is refused whole with 409
         *     `child-not-on-site` (a tablet only ever purges children its site's bundle named).
         */
        post: operations["pushPurgeReceipts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The tablet's hash-chained audit log (enrolment, purge, staff sign-in, manual marks, corrections), in order.
         * @description Entries continue the device's audit chain on the server: a retry of stored entries is acknowledged again, an
         *     entry whose seq or prevHash does not continue the chain is refused with 409 `audit-chain` and `details.expectedSeq`.
         *     The first upload of a device may start past seq 1 (the tablet prunes old entries).
         */
        post: operations["pushAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The site's roster, consents, settings and gallery for a tablet, as much as it lacks.
         * @description `since` is the bundle version the tablet holds (with the roster digest that came with it). The district answers
         *     `unchanged` (a few hundred bytes: still that version, fresh until `expiresAtMs`) when nothing changed, a `delta`
         *     with only the children that changed since (their roster entry, consents and templates, or their removal) when
         *     it can, and the `full` bundle otherwise (no `since`, a tablet too far behind, a changed site setting, many
         *     children changed). Every answer is bound to its request (Gk-Answer-Signature), so a replayed one is refused.
         *     The tablet applies a full or delta answer in one transaction and checks `rosterDigest` against what it then
         *     holds; on a mismatch it asks again without `since`. Answers may come gzip-encoded (Accept-Encoding).
         */
        get: operations["getBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recognition-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The figures of the tablet's recognition self-test (numbers and counts only), at most daily or when its gallery changed.
         * @description The self-test the tablet computes from its own gallery (README, "Recognition report"): gallery size, the site's
         *     threshold and margin, estimated FPIR and FNIR with their Clopper-Pearson 95% intervals, and how many twin
         *     candidates and weak enrolments it found. No child id, no name, no template: the schema allows nothing else
         *     (additionalProperties false), and a report carrying anything more is refused with 400 `invalid-request` and
         *     stores nothing. The district keeps the latest report per tablet (a report computed before the one it holds is
         *     acknowledged and not kept) and records its arrival in its audit log. A report whose counts do not add up (more
         *     errors than trials, an interval that does not contain its rate, a time in the future) is refused with 400
         *     `recognition-report-invalid`.
         */
        post: operations["pushRecognitionReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/site-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Today's attendance at the site's other tablets, for the roll call (who is inside whichever door they used).
         * @description The attendance events of `day` recorded by the OTHER tablets of the asking tablet's site (never its own, never
         *     another site's), as each tablet pushed them (MarkEvent or CorrectionEvent) and the district accepted them as
         *     attendance (refused ones are left out), with the name of the tablet that recorded each; and every other paired
         *     tablet of the site with its name and `lastSeenAtMs`, the district's time of its last state request or event
         *     push (each sync run starts with one), so staff see how fresh each tablet's part is. Each page also lists `staffOnDuty`:
         *     the staff on duty now at the other tablets (from their audit logs), for the roll call's adults on site. `day` must be the site's
         *     today or yesterday in the site's time zone (`site-day-out-of-range` otherwise). At most 500 events a page, in
         *     a stable order (by tablet, then the tablet's sequence); `more` says another page follows: ask again with
         *     `after` = the page's `cursor`, and keep the last cursor for the next sync. The cursor records, per tablet, the
         *     last sequence number delivered: a tablet's events are committed in sequence order (its push holds its row), so
         *     an event committed late by a concurrent push is never skipped, as it could be with one insertion counter.
         *     Like every device answer it is signed for the request (Gk-Answer-Signature).
         */
        get: operations["getSiteEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a director or district officer reads at a glance, per site they reach.
         * @description Per site: the day's attendance by group (present; absent with a reason a parent or staff gave; not arrived, which
         *     on a past day means absent with no reason), each paired tablet's health (last sync, app version from its latest
         *     recognition self-test, whole days since its last sync, reader state), the number of the day's integrity flags
         *     (null for a teacher, who does not read integrity signals) and the present count of each school day (Monday to
         *     Friday, a weekend day that had attendance, and always the day itself) of the last 6 weeks ending with the day. Days are the site's own
         *     (its time zone); without `day`, each site's today. The admin token and a district admin see every site (or the
         *     one `siteId` names); a director or teacher their own site only; a parent nothing (403).
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listSites"];
        put?: never;
        post: operations["createSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Changes the site's settings; turning biometrics on requires an assessment reference.
         * @description The settings attendance funding relies on (matchThreshold, matchMargin, padMode, presenceEvidence,
         *     maxOfflineFaceDays, switching biometrics on, assessmentRef) are the district's: a site's director who changes one
         *     gets 403 `setting-needs-district` and nothing is written (repeating a current value, or switching biometrics off,
         *     is allowed).
         */
        put: operations["updateSiteSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/pairing-codes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["createPairingCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get: operations["listDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/devices/{deviceId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["revokeDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/devices/{deviceId}/purge-receipts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        get: operations["listPurgeReceipts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/devices/{deviceId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        /** The audit log a tablet uploaded, oldest first. */
        get: operations["listDeviceAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The district's audit log, newest first, one page at a time.
         * @description The district's own record (admin actions such as consent changes, unpairing, settings and key rotations)
         *     merged with every tablet's uploaded, hash-chained log. Each entry names its site and tablet where it has one,
         *     who acted, and a short summary (child names only of children still on the roster, as on the roster itself).
         *     Pass `olderThan` from the previous page's `older` for the next, older page.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit/chains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether each tablet's stored audit log and attendance events still verify.
         * @description Re-checks every stored entry of each tablet (of one site, with `siteId`): its hash over its canonical JSON,
         *     the link to the entry before, no missing sequence numbers, that the last entry is the head the server
         *     accepted at upload, and that the chain holds the newest head the tablet signed with its device key. An entry
         *     edited, removed or inserted in the database afterwards breaks the chain there; so does a chain rewritten with
         *     its hashes recomputed. The tablet's attendance events get the same check (`attendance`).
         */
        get: operations["verifyAuditChains"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/children": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get: operations["listChildren"];
        put?: never;
        post: operations["createChild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/children/{childId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Removes a child from the roster; its templates are deleted and tablets purge theirs. */
        post: operations["removeChild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/children/{childId}/twins/clear": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clears the twin flags of a child (confirmed by mistake on a tablet); every tablet drops them at its next sync. */
        post: operations["clearTwinFlags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/children/{childId}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["grantConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/consents/{consentId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                consentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revokes a consent; the child's templates are deleted in the same transaction. */
        post: operations["revokeConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/children/{childId}/pickups": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        /** The adults allowed to collect a child and the child's do-not-release entries. */
        get: operations["listPickups"];
        put?: never;
        /**
         * Adds an adult allowed to collect the child (with their own card or bracelet, a pickup code, or both).
         * @description The code (4-6 digits) is hashed on the server (PickupCodeHash) and never stored, logged, echoed or sent in clear.
         *     Refusals change nothing: 400 `bad-pickup-code` (not 4-6 digits), 400 `bad-validity` (validTo before validFrom, or
         *     not a real day), 400 `pickup-needs-card-or-code`, 409 `card-in-use` (a card of another adult of the site, or a
         *     child's bracelet), 409 `too-many-pickups` (4 adults per child), 409 `pickup-overlaps` (the same adult, by name and
         *     relation, already on the child's list for some of these days), 404 `child-not-found`.
         */
        post: operations["addPickupAdult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/pickups/{pickupId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pickupId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Changes an adult allowed to collect a child (only the fields given); `code` null removes the code.
         * @description The same refusals as adding one (and 404 `pickup-not-found`); a refusal changes nothing.
         */
        put: operations["updatePickupAdult"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/pickups/{pickupId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pickupId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Removes an adult from those allowed to collect the child (deleted, with any code hash). */
        post: operations["removePickupAdult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/children/{childId}/do-not-release": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Records a person the child must not be released to (a custody order), with the reason staff see.
         * @description Refusals change nothing: 409 `card-in-use` (a child's bracelet, or a card of an adult allowed to collect this
         *     same child), 404 `child-not-found`.
         */
        post: operations["addDoNotRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/do-not-release/{entryId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Removes a do-not-release entry (the order ended or was recorded by mistake). */
        post: operations["removeDoNotRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/report": {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get: operations["dailyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/integrity": {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
                /** @description Check-ins by bracelet at one tablet that make a burst (default 5). */
                burstCount?: number;
                /** @description Within how many seconds they make a burst (default 10). */
                burstSeconds?: number;
                /** @description The days, ending with `day`, over which a child present on `day` was never checked in by face (default 10). */
                faceDays?: number;
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        /**
         * Signals of padded attendance at a site on one day (the site's time zone), from what its tablets recorded.
         * @description No biometric data: counts, times, tablet and child ids, and the numbers of the presentation-attack check only.
         *     Bursts of bracelet check-ins faster than people walk, face check-ins the site's padMode refused (tablet audit
         *     kind face-refused), face check-ins whose PAD result was not live, hand marks and corrections per tablet, and
         *     children present that day who were never checked in by face over the last `faceDays` days. Events refused as
         *     attendance are left out. An option out of its range is refused with 400 `bad-integrity-option`, a day that is
         *     not YYYY-MM-DD with 400 `bad-day`.
         */
        get: operations["siteIntegrity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/register": {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        /**
         * The attendance register of a site's day, per group, with each group's approval state and history.
         * @description Per group: each child present (first in, last out, how) or absent (the parent's or staff's reason, or none), the
         *     integrity flags of the day that concern the group's children, and the staff hand-marks. `contentSha256` is the
         *     SHA-256 of the register's canonical JSON: the director approves exactly that. state: unapproved (never approved),
         *     approved (the latest approval covers this content), changed (approved before, changed since: needs a new approval
         *     with a reason). Teachers of the site may read it.
         */
        get: operations["getRegisterDay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/register/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A person (the site's director or a district admin) approves a group's day as they saw it.
         * @description Only a person signed in with their passkey approves: the admin token is refused (403 approval-needs-person), so
         *     every approval names the account that gave it. The request names the content hash the person reviewed; if the
         *     register changed meanwhile the approval is refused (409 register-changed). A group's day approved before needs a
         *     reason (400 correction-reason-required); one whose content is already approved is refused (409 already-approved).
         *     The approval is an immutable, numbered version holding the content snapshot, signed by the district's key over
         *     the statement returned with it, and recorded in the audit log.
         */
        post: operations["approveRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/register/absences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Staff set a child's absence reason for a day (any past or present day).
         * @description On a group's day that was approved, the change needs `correctionReason` (400 correction-reason-required without
         *     it); it is recorded as a correction of the register, the day's state becomes changed, and it needs a new
         *     approval. The approved versions stay as they were.
         */
        post: operations["correctRegisterAbsence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/sites/{siteId}/register/months/{month}": {
        parameters: {
            query?: {
                format?: "json" | "csv" | "xlsx";
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
                month: string;
            };
            cookie?: never;
        };
        /**
         * The month's register for the funding body, as JSON, CSV or XLSX; days not approved are marked.
         * @description Each day of the month up to the site's today that has attendance at the site or an approval, each group, each
         *     child with status, times, method and absence reason, and the group's approval state (approved with version,
         *     approver and time; unapproved; changed since approval). CSV and XLSX carry one row per child and day with the
         *     same columns.
         */
        get: operations["registerMonth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/register-approvals/{approvalId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approvalId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        /** One approved version of a group's day, with the content snapshot, the signed statement and the district's public key. */
        get: operations["getRegisterApproval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/template-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The district template key versions, which are still kept, and the version each paired tablet confirmed. */
        get: operations["getTemplateKeyStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/template-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Makes a new district template key version and renews every stored template to it (ISO/IEC 24745 renewability).
         * @description In one transaction: a new key version, every stored template re-keyed to it (opened under the old transport key,
         *     the old rotation undone and the new one applied, sealed under the new transport key; cosine scores are
         *     unchanged), and every site's bundle revision raised so that each tablet learns the new version
         *     (`BundlePayload.templateKeyVersion`) at its next sync and renews its own templates. The old version is kept
         *     until every paired tablet confirmed the new one.
         */
        post: operations["rotateTemplateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/admin-token/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new admin token, kept where the server keeps its token (its admin-token file); the old one is refused from now on.
         * @description Refused with 409 `admin-token-fixed` when the token comes from DISTRICT_ADMIN_TOKEN: set a new value there and
         *     restart the server.
         */
        post: operations["rotateAdminToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/epoch/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run after restoring the database from a backup; tablets then re-push what they hold. */
        post: operations["rotateEpoch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/recognition-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest recognition self-test of every paired tablet, per site, with a verdict against the district's target.
         * @description The district's target is an upper bound on each rate's 95% upper confidence bound: by default FPIR upper95 at
         *     most 0.01 and FNIR upper95 at most 0.05 (`maxFpirUpper95`, `maxFnirUpper95` override them for this answer). A
         *     rate is outside the target when its upper bound is above it. A rate says nothing when it had no trials, or when
         *     so few trials were made that even no error at all would leave its upper bound above the target (a small
         *     gallery: 0 errors in n trials gives 1 - 0.025^(1/n), about 3.7 / n). The verdict is `outside` when a rate is
         *     outside, else `too-few` when a rate says nothing, else `within`; `reasons` says why in words (English `text`,
         *     and a `code` with numbers for the admin page's languages). Unpaired tablets are left out. A target out of
         *     (0, 1] is refused with 400 `bad-recognition-target`.
         */
        get: operations["listRecognitionReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People with an account (district admins, site directors, teachers, parents), with their roles and passkeys. */
        get: operations["listAccounts"];
        put?: never;
        /** Creates a person's account; they get an invitation next and register their own passkey with it. */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/accounts/{accountId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: components["parameters"]["AccountIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time invitation code for the person (shown once, stored hashed, expires, single use). */
        post: operations["inviteAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/accounts/{accountId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: components["parameters"]["AccountIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disables an account; its sessions end at once and its passkeys and invitations stop working. */
        post: operations["disableAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/invitations/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks an invitation code and starts registering a passkey with it (WebAuthn creation options).
         * @description The code is not used up here: only a verified passkey registration uses it. An unknown, used or expired code is
         *     refused alike (403 `invitation-invalid`) and counted in the security log. Rate-limited per client address.
         */
        post: operations["invitationOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/invitations/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Registers the person's passkey, uses up the invitation and signs them in (session cookie). */
        post: operations["redeemInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/sign-in/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts a passkey sign-in (WebAuthn request options for a discoverable credential).
         * @description Like the other ceremonies that end in a session cookie (invitation options and redeem, sign-in), refused with 403
         *     `cross-origin` unless the Origin header is the district's own (a page on another site posting a sign-in).
         */
        post: operations["signInOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finishes a passkey sign-in; the answer sets the session cookie. */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends this session (the row is deleted; the cookie is cleared). */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this browser holds a live session, and whose (for the pages; never refused, so a signed-out page logs no error). */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who this session belongs to. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in parent's own children (nobody else's), with today's marks, face consent and absences. */
        get: operations["parentChildren"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/children/{childId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        /**
         * One of the parent's children with the attendance history of the last `days` days (default 14, at most 62).
         * @description A child that is not this parent's (or does not exist) is answered 404 `child-not-found` alike, and the attempt is
         *     recorded in the district audit log. Every read of a child's data is recorded there too.
         */
        get: operations["parentChild"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/children/{childId}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The parent grants face consent (12 months from the site's today) or withdraws it (every active consent of the child).
         * @description Made through the same consent service as the admin's, marked as made by the parent. A withdrawal deletes the
         *     child's templates on the district at once; each tablet of the site deletes its copy at its next sync and sends
         *     a purge receipt, which the parent then sees in `receipts`.
         */
        post: operations["parentConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/children/{childId}/absences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reports that the child will be absent on a day (today or later, within 90 days) with a reason; a second report of the same day replaces the first. A day whose register the director has signed is refused (409 register-approved); staff correct it with a reason. */
        post: operations["parentReportAbsence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The parent's notice subscriptions (arrival and departure notices) and the district's VAPID public key for push. */
        get: operations["parentNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/notices/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns on push notices for this browser (its PushSubscription: an https endpoint, the P-256 key and the 16-byte secret). The same endpoint again updates its keys and language. */
        post: operations["parentSubscribePush"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/notices/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Asks for e-mail notices to an address: a confirmation link is mailed there, and notices go there only once it is used (each notice then carries a one-click unsubscribe link). Asking again for a waiting address mails a new link (not within two minutes of the last one); for a confirmed one it only updates the language. */
        post: operations["parentSubscribeEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parent/v1/notices/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stops one subscription (`subscriptionId`) or, without it, every notice to this parent. */
        post: operations["parentStopNotices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        Error: {
            code: string;
            message: string;
            details?: unknown;
        };
        /** @description Text a person typed on a single line (a name, a group, a relation, a reason): no control characters and no text-direction overrides or isolates (U+202A-U+202E, U+2066-U+2069), which could make a name read differently on the admin page, in an export or in the CLI than it was stored. Refused with 400 `invisible-characters`. */
        PlainText: string;
        /** @description Like PlainText, but line breaks and tabs are allowed (a note). */
        PlainNote: string;
        Id: string;
        Uuid: string;
        Sha256Hex: string;
        DayKey: string;
        EpochMs: number;
        Base64Url: string;
        BraceletUid: string;
        EcPublicJwk: {
            /** @constant */
            kty: "EC";
            /** @constant */
            crv: "P-256";
            x: string;
            y: string;
            ext?: boolean;
            key_ops?: string[];
            kid?: string;
            alg?: string;
            use?: string;
        };
        PairRequest: {
            code: string;
            publicKeyJwk: components["schemas"]["EcPublicJwk"];
            /**
             * @description base64url ECDSA P-256 signature (r||s, SHA-256) of `gate-kiosk-pair:<code>:<x>:<y>` with the new key, or of
             *     `gate-kiosk-pair:<code>:<x>:<y>:<wx>:<wy>` when the request carries wrapKeyJwk (so a proxy cannot swap it).
             */
            proof: components["schemas"]["Base64Url"];
            deviceName?: components["schemas"]["PlainText"];
            /** @description The tablet's ECDH P-256 wrapping key (public half); the pairing answer's template key is wrapped to it. */
            wrapKeyJwk?: components["schemas"]["EcPublicJwk"];
        };
        WrapKeyRegistration: {
            wrapKeyJwk: components["schemas"]["EcPublicJwk"];
        };
        /**
         * @description The template key's 32-byte secret sealed to one tablet's wrapping key: an ephemeral ECDH P-256 exchange with it
         *     (`epk`, the district's one-time public key), HKDF-SHA256 (32 zero bytes of salt, info
         *     `gate-kiosk/template-key/v1|<deviceId>|<keyVersion>`) to an AES-256-GCM key, the secret encrypted with that
         *     info as additional data (src/protocol/key-wrap.ts).
         */
        WrappedSecret: {
            epk: {
                x: string;
                y: string;
            };
            iv: string;
            ciphertext: string;
        };
        PairResponse: {
            deviceId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            districtId: components["schemas"]["Id"];
            epoch: components["schemas"]["Id"];
            bundleKeyJwk: components["schemas"]["EcPublicJwk"];
            templateKey: components["schemas"]["TemplateKey"];
            serverTimeMs: components["schemas"]["EpochMs"];
        };
        /**
         * @description The district's secret template key (one per district and key version), sent only to paired tablets: in the
         *     pairing answer and at GET /v1/template-key (over TLS, both answers signed for their request).
         *     The tablet imports it non-extractable and derives from it the secret rotation applied to every template
         *     (HMAC-SHA256) and the transport key (HKDF-SHA256 to AES-256-GCM) that templates are encrypted under between
         *     tablets: `TemplateUpload.ciphertext` and `BundleTemplate.ciphertext` are base64url of a 12-byte IV followed by
         *     the AES-GCM ciphertext of the 512 rotated values as IEEE 754 half-precision numbers (little-endian; 1,052 bytes
         *     in all), with additional data
         *     `gate-kiosk/template/v2|<districtId>|<templateId>|<childId>|<modelId>|<keyVersion>|<createdAtMs>`.
         *     A template sealed before half precision (512 float32 values, 2,076 bytes, label `gate-kiosk/template/v1|...`)
         *     is still taken and opened; the district's key rotation seals it again in the current layout.
         *     Every tablet of the district can therefore read and match a template enrolled on any other; a template of
         *     another district neither decrypts nor matches.
         *     The district re-keys with a new version (POST /admin/v1/template-keys/rotate); GET /v1/template-key always
         *     answers the current version.
         *     The key travels wrapped to the tablet (`wrapped`, for a tablet that gave a wrapping key at pairing or with POST
         *     /v1/wrap-key) so that a proxy reading the TLS traffic learns nothing of it; `secret` in clear only for a tablet
         *     paired before, until it registers one. Exactly one of the two is present.
         */
        TemplateKey: {
            keyVersion: number;
            /** @description base64url of 32 random bytes (tablets without a wrapping key only). */
            secret?: string;
            wrapped?: components["schemas"]["WrappedSecret"];
        };
        TemplateKeyRenewal: {
            keyVersion: number;
            renewedTemplates?: number;
        };
        TemplateKeyRenewalAck: {
            currentVersion: number;
            /** @description Versions whose secret the district deleted because of this confirmation. */
            retiredVersions: number[];
        };
        TemplateKeyVersion: {
            keyVersion: number;
            createdAtMs: components["schemas"]["EpochMs"];
            /** @description When the secret was deleted (no site used it and every paired tablet had renewed); null while it is kept. */
            retiredAtMs: components["schemas"]["EpochMs"] | null;
            /** @description Sites whose templates are under this version. An unpairing re-keys its own site alone, so sites can be on different versions. */
            sites: number;
        };
        TemplateKeyDevice: {
            deviceId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            name: string;
            /** @description The version the tablet was paired with or last confirmed; null when unknown (paired before keys were sent). */
            keyVersion: number | null;
            /** @description The version of the tablet's site, which the tablet renews to. */
            siteVersion: number;
            renewedAtMs: components["schemas"]["EpochMs"] | null;
            lastSeenAtMs: components["schemas"]["EpochMs"] | null;
        };
        TemplateKeyStatus: {
            currentVersion: number;
            versions: components["schemas"]["TemplateKeyVersion"][];
            /** @description Paired (not unpaired) tablets of every site. */
            devices: components["schemas"]["TemplateKeyDevice"][];
        };
        TemplateKeyRotation: {
            keyVersion: number;
            previousVersion: number;
            renewedTemplates: number;
            /** @description Stored templates that did not open under their key version (deleted; those children re-enrol). */
            droppedTemplates: {
                templateId: components["schemas"]["Id"];
                childId: components["schemas"]["Id"];
            }[];
            tabletsToRenew: number;
        };
        ChainHead: {
            seq: number;
            hash: components["schemas"]["Sha256Hex"];
        };
        DeviceState: {
            deviceId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            epoch: components["schemas"]["Id"];
            head: components["schemas"]["ChainHead"];
            serverTimeMs: components["schemas"]["EpochMs"];
        };
        MarkEvent: {
            /** @constant */
            type: "mark";
            id: components["schemas"]["Uuid"];
            deviceId: components["schemas"]["Id"];
            seq: number;
            prevHash: components["schemas"]["Sha256Hex"];
            childId: components["schemas"]["Id"];
            dayKey: components["schemas"]["DayKey"];
            atMs: components["schemas"]["EpochMs"];
            staffNote?: string;
            staffMember?: components["schemas"]["StaffMember"];
            /** @enum {string} */
            direction: "in" | "out";
            /** @enum {string} */
            method: "face" | "bracelet" | "staff";
            score: number | null;
            pad?: components["schemas"]["PadEvidence"];
            pickup?: components["schemas"]["PickupConfirmation"];
            /**
             * @description A bracelet mark at a site with presenceEvidence on: whether the face detector saw a person in front of the camera when the bracelet was tapped (one word; no image, no embedding). Absent when the setting is off, on face and staff marks, and when the camera was not delivering frames (no evidence either way).
             * @enum {string}
             */
            presence?: "person" | "nobody";
        };
        /**
         * @description A check-out of a child whose group needs an authorised pickup (site setting pickupGroups): who collected the child
         *     (the pickup entry's id, never a name) and how the tablet confirmed them: `card` (the adult's own card or bracelet),
         *     `code` (their pickup code, checked against its PickupCodeHash on the tablet), `staff` (a teacher chose them from
         *     the child's list behind the staff PIN). Only on a check-out (direction out); the district refuses it elsewhere as
         *     `pickup-not-on-check-out`.
         */
        PickupConfirmation: {
            pickupId: components["schemas"]["Id"];
            /** @enum {string} */
            method: "card" | "code" | "staff";
        };
        /**
         * @description A face check-in's presentation-attack (PAD) check, numbers only (src/core/pad/evidence.ts): the fused result over
         *     the frames of the approach (live, attack, unsure) and why, the passive model's combined and lowest p(live), the
         *     frames it scored, the geometric cue (depth, plane, none) with the nose parallax in noise units and the largest
         *     out-of-plane tilt, the model (file and sha256 prefix) and the fusion rule's version. A result other than live is
         *     flagged for review.
         */
        PadEvidence: {
            /** @enum {string} */
            result: "live" | "attack" | "unsure";
            reason: string;
            liveness: number | null;
            livenessMin: number | null;
            frames: number;
            /** @enum {string} */
            geometry: "depth" | "plane" | "none";
            parallaxZ: number;
            tiltDeg: number;
            model: string;
            rule: string;
        };
        /**
         * @description Who made a hand mark (method staff) or a correction: the member of staff on duty at the tablet who chose themselves
         *     in the staff panel, as their duty sign-in's id and the name they typed (tablets share one staff PIN: a name, not a
         *     verified identity). Read by the district on staff marks and corrections only.
         */
        StaffMember: {
            dutyId: components["schemas"]["Uuid"];
            name: string;
        };
        CorrectionEvent: {
            /** @constant */
            type: "correction";
            id: components["schemas"]["Uuid"];
            deviceId: components["schemas"]["Id"];
            seq: number;
            prevHash: components["schemas"]["Sha256Hex"];
            childId: components["schemas"]["Id"];
            dayKey: components["schemas"]["DayKey"];
            atMs: components["schemas"]["EpochMs"];
            staffNote?: string;
            staffMember?: components["schemas"]["StaffMember"];
            corrects: components["schemas"]["Uuid"];
            /** @enum {unknown} */
            direction: "in" | "out" | null;
        };
        AttendanceEvent: components["schemas"]["MarkEvent"] | components["schemas"]["CorrectionEvent"];
        PushRequest: {
            events: components["schemas"]["AttendanceEvent"][];
            /** @description The tablet's ECDSA P-256 signature (device key, IEEE P1363, base64url) over the text "gate-kiosk/chain-head/v1\n{chain}\n{deviceId}\n{seq}\n{hash}" (src/protocol/chain-head-signature.ts) for the event with the highest seq in this request: its seq and its hash (the SHA-256 of its canonical JSON; chain events). The district refuses a request whose signature does not verify (400 head-signature) and keeps each one it accepts, so that a chain rewritten in its database afterwards no longer ends in a head the tablet signed. Tablets from before it was added send none. */
            headSignature?: string;
        };
        EventResult: {
            id: components["schemas"]["Uuid"];
            /**
             * @description stored and duplicate are acknowledgements (the event is committed); rejected is not.
             * @enum {string}
             */
            status: "stored" | "duplicate" | "rejected";
            /** @enum {string} */
            reason?: "seq-gap" | "prev-hash" | "seq-conflict" | "wrong-device" | "out-of-order";
            expectedSeq?: number;
            /**
             * @description With status stored: the district holds the event in the device's chain (so the chain and the events after it go on, and the tablet may drop it from its outbox) but refused it as attendance, for this reason: a child not on the device's site (or no such child), a dayKey that is not the day of atMs in the site's time zone (for a correction: a day after it), a time more than 10 minutes ahead of the server's clock, or a pickup confirmation on a check-in (`pickup-not-on-check-out`). It never counts in a report, and the district admin sees it in the audit log.
             * @enum {string}
             */
            refused?: "child-not-on-site" | "day-mismatch" | "time-in-future" | "pickup-not-on-check-out";
        };
        PushResponse: {
            epoch: components["schemas"]["Id"];
            results: components["schemas"]["EventResult"][];
            head: components["schemas"]["ChainHead"];
        };
        TemplateUpload: {
            templateId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            createdAtMs: components["schemas"]["EpochMs"];
            keyVersion: number;
            /** @description The rotated template encrypted under the district transport key (see TemplateKey; opaque to the server; never an image). */
            ciphertext: string;
        };
        TemplateAck: {
            templateId: components["schemas"]["Id"];
            /** @enum {string} */
            status: "stored" | "duplicate";
        };
        PurgeReceipt: {
            receiptId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            templateIds: components["schemas"]["Id"][];
            purgedAtMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            reason: "consent-revoked" | "consent-expired" | "child-removed" | "biometrics-disabled";
            bundleVersion?: number;
            /** @description The device's ECDSA P-256 (SHA-256) signature, base64url, over the lines gate-kiosk/purge-receipt/v1, deviceId, receiptId, childId, templateIds joined by commas, purgedAtMs, reason, bundleVersion (or empty), joined by newlines. Required on push (the server refuses a receipt without a valid one); kept and listed. */
            signature?: string;
        };
        PurgeReceiptPush: {
            receipts: components["schemas"]["PurgeReceipt"][];
        };
        PurgeReceiptAck: {
            acked: components["schemas"]["Id"][];
        };
        /** @description One entry of a tablet's audit log; ids and counts only, never names or anything about a face. */
        AuditEntry: {
            seq: number;
            atMs: components["schemas"]["EpochMs"];
            /**
             * @description face-refused: a face check-in the site's padMode refused (childId: the child the face matched; details padResult attack or unsure, padReason, liveness (a score or null), frames, model, rule; numbers and names of rules only, no image). pickup-refused: a check-out that needed an authorised pickup adult was not recorded (childId: the child; details outcome not-on-list, not-valid-today or do-not-release, method card, code or staff, card (the UID presented, for a card), pickupId or entryId when an entry matched; ids only, no names). staff-on-duty / staff-off-duty: a member of staff signed in or out on the tablet after the shared staff PIN (details dutyId, a tablet-made id, group, or null, and name, the name they typed, so that the site's other tablets list them in their roll call). reader-state: the tablet's bracelet readers changed and stayed so for 30 s (details state ok, problem or none, and readers, each "transport:state" such as "serial:disconnected"); the dashboard's reader state.
             * @enum {string}
             */
            kind: "staff-sign-in" | "staff-sign-in-refused" | "enrolment" | "enrolment-refused" | "twin-flag" | "purge" | "manual-check-in" | "correction" | "settings-change" | "rekey" | "face-refused" | "pickup-refused" | "staff-on-duty" | "staff-off-duty" | "reader-state";
            childId?: components["schemas"]["Id"];
            details?: {
                [key: string]: (string | number | boolean | null) | string[];
            };
            prevHash: components["schemas"]["Sha256Hex"];
            /** @description SHA-256 (hex) of the entry's canonical JSON without `hash` (keys sorted, no whitespace). */
            hash: components["schemas"]["Sha256Hex"];
        };
        /** @description One entry of the district's merged audit log, as the admin page lists it. */
        AuditLogEntry: {
            /**
             * @description The district's own record or a tablet's uploaded log.
             * @enum {string}
             */
            source: "district" | "tablet";
            atMs: components["schemas"]["EpochMs"];
            siteId: components["schemas"]["Id"] | null;
            siteName: string | null;
            deviceId: components["schemas"]["Id"] | null;
            deviceName: string | null;
            /** @description The entry's place in its tablet's chain (tablet entries only). */
            seq?: number;
            kind: string;
            /**
             * @description Who acted: the admin token or a district admin's account, a site director, a teacher or a parent signed in with their passkey, staff on a tablet with the site's shared PIN, a tablet, or the server itself (e.g. the demo seed).
             * @enum {string}
             */
            actor: "district-admin" | "site-director" | "teacher" | "parent" | "staff" | "tablet" | "server";
            /** @description One line in English (the CLI prints it), rendered from summaryKey and summaryParams with the admin page's English catalog. */
            summary: string;
            /** @description The summary as a message key of the admin page's catalog (server/admin/client/messages.ts), e.g. summary.consent.revoked; a client that does not know the key shows `summary`. */
            summaryKey: string;
            /** @description The message's parameters. Child names appear only for children still on the roster (others by id). */
            summaryParams: {
                [key: string]: components["schemas"]["AuditSummaryParam"];
            };
        };
        /** @description Text as it is (a name, an id, a time), a number (formatted in the reader's language; `count` chooses the plural form), or a list of parts each rendered from its own message key and joined as a list in the language. */
        AuditSummaryParam: string | number | components["schemas"]["AuditSummaryPart"][];
        AuditSummaryPart: {
            key: string;
            params: {
                [key: string]: string | number;
            };
        };
        AuditPage: {
            entries: components["schemas"]["AuditLogEntry"][];
            /** @description Pass as `olderThan` for the next page; null on the last page. */
            older: string | null;
            /** @description Every kind an entry can have (for a filter). */
            kinds: string[];
        };
        AuditChainStatus: {
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            siteId: components["schemas"]["Id"];
            entries: number;
            headSeq: number;
            /** @description The newest entry whose head the tablet signed (AuditPush.headSignature); null when it never signed one. */
            signedSeq: number | null;
            verified: boolean;
            brokenAtSeq: number | null;
            /** @description What does not verify (for a person, in English); null when verified. */
            problem: string | null;
            /** @description The same for a page that words it in its own language, with brokenAtSeq and headSeq: listed fields differ from the hashed entry, an entry changed (hash), a broken link, missing entries (gap), the stored log no longer ends where the tablet's accepted log does (ends-early), or the stored log does not hold the head the tablet signed at brokenAtSeq (signature: rewritten, hashes and all); null when verified. */
            problemKind: ("listing" | "hash" | "link" | "gap" | "ends-early" | "signature") | null;
            /** @description The same check of the tablet's stored attendance events (their hash chain, PushRequest.headSignature). A gap the district recorded after a restore from backup does not break it. */
            attendance: {
                events: number;
                headSeq: number;
                signedSeq: number | null;
                verified: boolean;
                brokenAtSeq: number | null;
                problemKind: ("listing" | "hash" | "link" | "gap" | "ends-early" | "signature") | null;
                /**
                 * @description all: every stored event was verified now. new-entries: the events after the part this server process verified before, or (nothing verified yet) after the newest head the tablet signed, once the chain was found to hold that head: a rewrite that recomputed the hashes shows either way, an edit inside the earlier part that left its hash as it was shows with `full=true`.
                 * @enum {string}
                 */
                checked: "all" | "new-entries";
            };
            /**
             * @description all: every stored entry was verified now. new-entries: the entries stored since this server process last verified the chain were, after checking that the last verified entry is unchanged and none before it was removed or inserted (an edit inside the earlier part shows with `full=true`).
             * @enum {string}
             */
            checked?: "all" | "new-entries";
        };
        AuditPush: {
            entries: components["schemas"]["AuditEntry"][];
            /** @description The tablet's ECDSA P-256 signature (device key, IEEE P1363, base64url) over the text "gate-kiosk/chain-head/v1\n{chain}\n{deviceId}\n{seq}\n{hash}" (src/protocol/chain-head-signature.ts) for the entry with the highest seq in this request: its seq and its hash (the entry's own hash; chain audit). The district refuses a request whose signature does not verify (400 head-signature) and keeps each one it accepts, so that a chain rewritten in its database afterwards no longer ends in a head the tablet signed. Tablets from before it was added send none. */
            headSignature?: string;
        };
        AuditAck: {
            head: components["schemas"]["ChainHead"];
        };
        /**
         * @description A pickup code (4-6 digits) as the district keeps and sends it: PBKDF2-HMAC-SHA256 of the code's ASCII digits with
         *     this salt and iteration count, 32 bytes. Made on the server; the code itself is never stored or sent. A tablet
         *     checks a code an adult types with WebCrypto (`crypto.subtle.deriveBits` PBKDF2 with the same parameters). A 4-6
         *     digit code has at most a million values, so this slows guessing by whoever obtains a bundle, it does not stop it.
         */
        PickupCodeHash: {
            /** @constant */
            algorithm: "pbkdf2-sha256";
            iterations: number;
            /** @description base64url of 16 random bytes. */
            salt: string;
            /** @description base64url of the 32-byte derived key. */
            hash: string;
        };
        /**
         * @description An adult allowed to collect a child, as tablets receive it: identified at the door by their own NFC card or
         *     bracelet (cards) and/or a pickup code (codeHash). No photo, no biometrics of adults. Valid from validFrom to
         *     validTo inclusive (the site's days; null: open). At least one card or a code (a tablet refuses a bundle
         *     with an adult that has neither).
         */
        PickupAdult: {
            pickupId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            name: string;
            /** @description e.g. mother, grandfather. */
            relation: string;
            cards: components["schemas"]["BraceletUid"][];
            codeHash: components["schemas"]["PickupCodeHash"] | null;
            validFrom: components["schemas"]["DayKey"] | null;
            validTo: components["schemas"]["DayKey"] | null;
        };
        /** @description An adult allowed to collect a child, as the admin sees it (whether there is a code, never the code or its hash). */
        PickupAdultAdmin: {
            pickupId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            name: string;
            relation: string;
            cards: components["schemas"]["BraceletUid"][];
            hasCode: boolean;
            /** @description When a tablet of the site that held this code (as a hash a copy of the tablet can be searched for) was unpaired; null when the code was set since, or never was on such a tablet. Setting a new code clears it. */
            codeExposedAtMs: components["schemas"]["EpochMs"] | null;
            validFrom: components["schemas"]["DayKey"] | null;
            validTo: components["schemas"]["DayKey"] | null;
        };
        PickupAdultCreate: {
            name: components["schemas"]["PlainText"];
            relation?: components["schemas"]["PlainText"];
            cards?: components["schemas"]["BraceletUid"][];
            /** @description The pickup code, 4-6 digits (else 400 `bad-pickup-code`); hashed at once, never echoed. */
            code?: string;
            validFrom?: components["schemas"]["DayKey"] | null;
            validTo?: components["schemas"]["DayKey"] | null;
        };
        PickupAdultPatch: {
            name?: components["schemas"]["PlainText"];
            relation?: components["schemas"]["PlainText"];
            cards?: components["schemas"]["BraceletUid"][];
            /** @description A new pickup code (4-6 digits), or null to remove the code. */
            code?: string | null;
            validFrom?: components["schemas"]["DayKey"] | null;
            validTo?: components["schemas"]["DayKey"] | null;
        };
        /** @description A person the child must not be released to (a custody order); the reason is shown to staff. */
        DoNotRelease: {
            entryId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            name: string;
            /** @description Visible to staff, e.g. "court order 12.03.2026". */
            reason: string;
            cards: components["schemas"]["BraceletUid"][];
        };
        DoNotReleaseCreate: {
            name: components["schemas"]["PlainText"];
            reason: components["schemas"]["PlainNote"];
            cards?: components["schemas"]["BraceletUid"][];
            /**
             * @description The parents' page account of this person, one of the child's guardian accounts (ChildPickups.guardians):
             *     while the entry stands, that account sees nothing of the child and gets none of its notices. Another account
             *     is refused with 400 `not-a-guardian-account`.
             */
            accountId?: components["schemas"]["Id"];
        };
        ChildPickups: {
            childId: components["schemas"]["Id"];
            adults: components["schemas"]["PickupAdultAdmin"][];
            doNotRelease: components["schemas"]["DoNotRelease"][];
            /** @description The parents' page accounts linked to the child, and the do-not-release entry that bars each (null when none). */
            guardians: {
                accountId: components["schemas"]["Id"];
                displayName: string;
                barredBy: components["schemas"]["Id"] | null;
            }[];
        };
        /**
         * @description One child's authorised pickups and do-not-release entries, complete (each adult's and entry's childId is this
         *     childId). The tablet stores them for its check-out: an adult taps their card or types their code, or a teacher
         *     picks them; a do-not-release card is refused. Not covered by rosterDigest: a full bundle replaces every pickup a
         *     tablet holds and a delta replaces those of the children it names (a pickup change moves its child into the
         *     delta), and a tablet that held a roster before it stored pickups asks for the full bundle once. Two entries of one
         *     adult (same name and relation) whose validity overlaps are refused by the district (409 `pickup-overlaps`) and
         *     make a tablet refuse the whole answer, as does a card of two adults.
         */
        BundlePickups: {
            childId: components["schemas"]["Id"];
            adults: components["schemas"]["PickupAdult"][];
            doNotRelease: components["schemas"]["DoNotRelease"][];
        };
        BundleAbsence: {
            childId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            reason: components["schemas"]["AbsenceReason"];
            note?: string;
        };
        BundleChild: {
            childId: components["schemas"]["Id"];
            displayName: string;
            group: string;
            bracelets: components["schemas"]["BraceletUid"][];
            /**
             * @description Staff on one of the site's tablets confirmed a twin (or look-alike sibling) of this child at enrolment (a
             *     `twin-flag` audit entry): every tablet asks this child for the bracelet as well as the face. Absent: no flag.
             */
            twin?: boolean;
        };
        BundleConsent: {
            consentId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            guardianName: string;
            /** @constant */
            scope: "face";
            grantedOn: components["schemas"]["DayKey"];
            expiresOn: components["schemas"]["DayKey"];
            revokedOn: components["schemas"]["DayKey"] | null;
        };
        BundleTemplate: {
            templateId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            keyVersion: number;
            createdAtMs: components["schemas"]["EpochMs"];
            ciphertext: string;
        };
        /** @description Local time (the site's time zone) when tablets sync every night, HH:MM to HH:MM (may wrap midnight). */
        NightlyWindow: {
            start: string;
            end: string;
        };
        SiteSettings: {
            biometricsEnabled: boolean;
            /** @description Reference of the data-protection impact assessment; required while biometrics are on. */
            assessmentRef: string | null;
            matchThreshold: number;
            matchMargin: number;
            nightlyWindow: components["schemas"]["NightlyWindow"];
            maxOfflineFaceDays: number;
            /**
             * @description What the gate does with its presentation-attack (PAD) decision on a face check-in. evidence: every face check-in records the PAD result (numbers only) and a result other than live is flagged in the record, but nobody is refused at the door (the default until a site's own PAD test shows the model suits it). ask-bracelet: an attack or an unsure result never checks a child in by face; the child is asked, in the same words as any unknown face, to tap the bracelet or see a teacher. record-flagged: an attack is refused as with ask-bracelet; an unsure result is recorded with a flag. Optional: a site stored before the setting existed, or a server that does not know it, means evidence.
             * @enum {string}
             */
            padMode?: "evidence" | "ask-bracelet" | "record-flagged";
            /** @description Presence evidence, off by default: when a bracelet is tapped, the tablet's camera checks only whether a person stands in front of it (face detection only: nothing is embedded, matched or kept) and the mark records `presence` (person or nobody). It opens the camera on a site where face recognition may be off, so the site must tell parents and staff. Optional: absent (a site stored before the setting existed) means off. */
            presenceEvidence?: boolean;
            /** @description Groups whose children need an authorised pickup adult to check out (up to 50 names); empty (or absent, as on a site stored before the setting existed) means none. */
            pickupGroups?: string[];
            /** @description The site's closing time (HH:MM, site time) for the late pickup alert; null (or absent, from a server or a site stored before the setting existed) means none. */
            closingTime?: string | null;
            groupOperatingPoints?: components["schemas"]["GroupOperatingPoints"];
        };
        /** @description Age-aware operating points: a group's own match threshold and margin (an age band whose faces the site's recognition report shows closer together, or younger children whose faces change faster), used for that group's children instead of the site's; the district's setting. Empty or absent: the site's for every group. */
        GroupOperatingPoints: {
            group: string;
            matchThreshold: number;
            matchMargin: number;
        }[];
        /** @description The site's IANA time zone. Consent dates and attendance days are the site's days, whatever zone a tablet is set to. */
        SiteTimeZone: string;
        /** @description The answer to GET /v1/bundle, by `kind`. */
        BundleAnswer: components["schemas"]["BundlePayload"] | components["schemas"]["BundleDelta"] | components["schemas"]["BundleUnchanged"];
        /** @description Nothing changed since the version the tablet holds; its data is fresh until expiresAtMs. */
        BundleUnchanged: {
            /** @constant */
            kind: "unchanged";
            districtId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            version: number;
            issuedAtMs: components["schemas"]["EpochMs"];
            expiresAtMs: components["schemas"]["EpochMs"];
        };
        /**
         * @description SHA-256 (hex) over the site's roster after this answer is applied: for each child on the roster, in code-unit
         *     order of the ids, a line `<childId>:<child digest>\n`, where the child digest is SHA-256 (hex) of the JSON array
         *     [childId, displayName, group, bracelets sorted, twin (true/false), consents sorted by consentId, each as
         *     [consentId, guardianName, scope, grantedOn, expiresOn, revokedOn]] (src/protocol/bundle-digest.ts).
         */
        RosterDigest: components["schemas"]["Sha256Hex"];
        /**
         * @description What changed since `fromVersion` (the version the tablet said it holds): every child that changed, with its
         *     whole roster entry, all its consents and the templates it may have (or its id in removedChildIds), and the
         *     site's settings. Children not named are as the tablet holds them.
         */
        BundleDelta: {
            /** @constant */
            kind: "delta";
            /** @constant */
            format: "gate-kiosk-bundle/2";
            districtId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            fromVersion: number;
            version: number;
            issuedAtMs: components["schemas"]["EpochMs"];
            expiresAtMs: components["schemas"]["EpochMs"];
            children: components["schemas"]["BundleChild"][];
            removedChildIds: components["schemas"]["Id"][];
            consents: components["schemas"]["BundleConsent"][];
            settings: components["schemas"]["SiteSettings"];
            timeZone: components["schemas"]["SiteTimeZone"];
            templates: components["schemas"]["BundleTemplate"][];
            templateKeyVersion?: number;
            rosterDigest: components["schemas"]["RosterDigest"];
            /**
             * @description For each child the delta names in `children` that has any, all its current entries (a named child absent
             *     here, or with empty lists, has none now); the tablet replaces those children's entries. Not covered by
             *     rosterDigest (see BundlePickups).
             */
            pickups: components["schemas"]["BundlePickups"][];
            /**
             * @description Absences reported for the children this answer carries (each child's complete list from the site's today on, by
             *     a parent on the parents' page or by staff), so staff see "absent: reason" on the tablet's roster. Optional
             *     (absent from servers without absences); not covered by rosterDigest.
             */
            absences?: components["schemas"]["BundleAbsence"][];
        };
        /** @description The full bundle. */
        BundlePayload: {
            /** @constant */
            kind: "full";
            /** @constant */
            format: "gate-kiosk-bundle/2";
            districtId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            version: number;
            issuedAtMs: components["schemas"]["EpochMs"];
            expiresAtMs: components["schemas"]["EpochMs"];
            rosterDigest: components["schemas"]["RosterDigest"];
            children: components["schemas"]["BundleChild"][];
            /** @description Children removed from the site; the tablet deletes them and purges their templates. */
            removedChildIds: components["schemas"]["Id"][];
            /** @description Every face consent of the site's children, revoked ones included (explicit revocations). */
            consents: components["schemas"]["BundleConsent"][];
            settings: components["schemas"]["SiteSettings"];
            timeZone: components["schemas"]["SiteTimeZone"];
            /** @description Templates of children with an active face consent only (none while biometrics are off). */
            templates: components["schemas"]["BundleTemplate"][];
            /**
             * @description The district's current template key version. A tablet holding an older one fetches the key
             *     (GET /v1/template-key), renews its templates in place, then confirms (POST /v1/template-key/renewed).
             *     Every template in the bundle is of this version.
             */
            templateKeyVersion?: number;
            /**
             * @description Every child on the roster with an authorised pickup adult or a do-not-release entry, one item each (a child
             *     absent has none); the tablet replaces all it holds. Not covered by rosterDigest (see BundlePickups).
             */
            pickups: components["schemas"]["BundlePickups"][];
            /**
             * @description Absences reported for the children this answer carries (each child's complete list from the site's today on, by
             *     a parent on the parents' page or by staff), so staff see "absent: reason" on the tablet's roster. Optional
             *     (absent from servers without absences); not covered by rosterDigest.
             */
            absences?: components["schemas"]["BundleAbsence"][];
        };
        /**
         * @description Where the previous page ended (opaque to the tablet): `<deviceId>.<seq>` per tablet delivered so far, joined by
         *     `~` (an empty string: from the start).
         */
        SiteEventsCursor: string;
        /** @description An attendance event of another tablet of the site, as that tablet pushed it, with the tablet's name. */
        SiteEvent: {
            deviceName: string;
            event: components["schemas"]["AttendanceEvent"];
        };
        /** @description Another paired tablet of the site; `lastSeenAtMs` is the district's time of its last sync (null before any). */
        SiteTablet: {
            deviceId: components["schemas"]["Id"];
            name: string;
            lastSeenAtMs: components["schemas"]["EpochMs"] | null;
        };
        /** @description A member of staff on duty at another tablet of the site now (signed in there on the site's today and not signed out, as that tablet's audit log reached the district): the name they typed, the group they look after (or null) and since when (the tablet's time), with the tablet's name. For the roll call's list of adults on site. */
        SiteStaffOnDuty: {
            deviceName: string;
            dutyId: string;
            name: string;
            group: string | null;
            signedInAtMs: components["schemas"]["EpochMs"];
        };
        /** @description The answer to GET /v1/site-events. */
        SiteEventsPage: {
            siteId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            events: components["schemas"]["SiteEvent"][];
            tablets: components["schemas"]["SiteTablet"][];
            /** @description Staff on duty at the site's other tablets now (the same list on every page; absent from older districts). */
            staffOnDuty?: components["schemas"]["SiteStaffOnDuty"][];
            cursor: components["schemas"]["SiteEventsCursor"];
            more: boolean;
            serverTimeMs: components["schemas"]["EpochMs"];
        };
        Site: {
            siteId: components["schemas"]["Id"];
            name: string;
            timeZone: string;
            revision: number;
            settings: components["schemas"]["SiteSettings"];
        };
        SiteCreate: {
            name: components["schemas"]["PlainText"];
            timeZone?: string;
        };
        SiteSettingsPatch: {
            biometricsEnabled?: boolean;
            assessmentRef?: string | null;
            matchThreshold?: number;
            matchMargin?: number;
            nightlyWindow?: components["schemas"]["NightlyWindow"];
            maxOfflineFaceDays?: number;
            /**
             * @description The site's presentation-attack policy (see SiteSettings.padMode).
             * @enum {string}
             */
            padMode?: "evidence" | "ask-bracelet" | "record-flagged";
            /** @description Presence evidence at bracelet taps (see SiteSettings.presenceEvidence). */
            presenceEvidence?: boolean;
            /** @description Groups whose children need an authorised pickup adult to check out (up to 50 names). */
            pickupGroups?: string[];
            /** @description The site's closing time (HH:MM, site time) for the late pickup alert; null removes it. */
            closingTime?: string | null;
            /** @description Replaces the groups' operating points (see SiteSettings.groupOperatingPoints); each group at most once. */
            groupOperatingPoints?: components["schemas"]["GroupOperatingPoints"];
        };
        PairingCode: {
            code: string;
            siteId: components["schemas"]["Id"];
            expiresAtMs: components["schemas"]["EpochMs"];
            /**
             * @description RFC 7638 SHA-256 thumbprint (base64url) of the district's bundle key. The pairing link carries it
             *     (`<kiosk>/#pair=<code>&k=<fingerprint>`) and the tablet pairs only when the key in the pairing answer has it.
             */
            fingerprint: string;
        };
        Device: {
            deviceId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            name: string;
            pairedAtMs: components["schemas"]["EpochMs"];
            revokedAtMs: components["schemas"]["EpochMs"] | null;
            lastSeenAtMs: components["schemas"]["EpochMs"] | null;
            head: components["schemas"]["ChainHead"];
            /**
             * @description The person whose pairing code paired the tablet (their account's name); null for a code from the admin token,
             *     the demo server, or one made before codes recorded who made them. In the site's tablet list.
             */
            pairedBy?: string | null;
        };
        ChildCreate: {
            childId?: components["schemas"]["Id"];
            displayName: components["schemas"]["PlainText"];
            group?: components["schemas"]["PlainText"];
            bracelets?: components["schemas"]["BraceletUid"][];
        };
        Consent: {
            consentId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            guardianName: string;
            guardianRelation: string;
            /** @constant */
            scope: "face";
            grantedOn: components["schemas"]["DayKey"];
            expiresOn: components["schemas"]["DayKey"];
            revokedOn: components["schemas"]["DayKey"] | null;
            active: boolean;
            /**
             * @description Who recorded it: the district (admin page, CLI) or the parent on the parents' page.
             * @enum {string}
             */
            madeBy?: "district" | "parent";
        };
        ConsentGrant: {
            guardianName: components["schemas"]["PlainText"];
            guardianRelation?: components["schemas"]["PlainText"];
            /** @constant */
            scope?: "face";
            grantedOn: components["schemas"]["DayKey"];
            /** @description At most 12 months after grantedOn. */
            expiresOn: components["schemas"]["DayKey"];
        };
        ChildAdmin: {
            childId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            displayName: string;
            group: string;
            bracelets: components["schemas"]["BraceletUid"][];
            removedAtMs: components["schemas"]["EpochMs"] | null;
            consents: components["schemas"]["Consent"][];
            templateCount: number;
            /** @description Children of the site that staff on a tablet confirmed as this child's twin (or look-alike sibling). */
            twinOf?: components["schemas"]["Id"][];
        };
        DailyReportRow: {
            childId: components["schemas"]["Id"];
            displayName: string;
            group: string;
            firstInAtMs: components["schemas"]["EpochMs"] | null;
            /** @description How the first check-in was made (face, bracelet, staff), null without one. */
            firstInMethod: ("face" | "bracelet" | "staff") | null;
            /** @description The first check-in was by face and its presentation-attack check said other than live (PadEvidence). */
            padFlagged: boolean;
            lastOutAtMs: components["schemas"]["EpochMs"] | null;
            marks: number;
        };
        DailyReport: {
            siteId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            rows: components["schemas"]["DailyReportRow"][];
        };
        /** @description Check-ins by bracelet at one tablet, at least burstCount of them within burstSeconds (overlapping windows merged). */
        IntegrityBurst: {
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            startAtMs: components["schemas"]["EpochMs"];
            endAtMs: components["schemas"]["EpochMs"];
            count: number;
            /** @description Each child once */
            childIds: components["schemas"]["Id"][];
        };
        /** @description One face-refused entry of a tablet's audit log (the numbers the tablet recorded; null where it recorded none or something else). */
        IntegrityRefusedFace: {
            deviceId: components["schemas"]["Id"];
            seq: number;
            atMs: components["schemas"]["EpochMs"];
            /** @description The child the face matched; null when the entry names none, or a child that is not this site's. */
            childId: components["schemas"]["Id"] | null;
            padResult: ("attack" | "unsure") | null;
            padReason: string | null;
            liveness: number | null;
            frames: number | null;
            model: string | null;
            rule: string | null;
        };
        IntegrityRefusedFaces: {
            count: number;
            attack: number;
            unsure: number;
            /** @description Children of this site the refused faces matched, most refusals first. */
            byChild: {
                childId: components["schemas"]["Id"];
                /** @description Null for a child no longer on the roster. */
                displayName: string | null;
                count: number;
                attack: number;
                unsure: number;
            }[];
            /** @description Every tablet of the site that refused a face that day, most refusals first. */
            byTablet: {
                deviceId: components["schemas"]["Id"];
                deviceName: string;
                count: number;
                attack: number;
                unsure: number;
            }[];
            entries: components["schemas"]["IntegrityRefusedFace"][];
        };
        /** @description A face check-in or check-out whose presentation-attack check said other than live (PadEvidence). */
        IntegrityFlaggedFace: {
            eventId: components["schemas"]["Uuid"];
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            childId: components["schemas"]["Id"];
            atMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            direction: "in" | "out";
            /** @enum {string} */
            padResult: "attack" | "unsure";
            padReason: string;
            liveness: number | null;
            frames: number;
            model: string;
            rule: string;
        };
        /**
         * @description Marks staff made by hand (method staff) and corrections filed under the day, per tablet, and per member of staff
         *     on duty who made them at each tablet (the event's staffMember: the name they typed when signing in on duty after
         *     the tablet's shared PIN, not a verified identity; `name` null for marks that named nobody).
         */
        IntegrityHandMarks: {
            staff: {
                deviceId: components["schemas"]["Id"];
                deviceName: string;
                dutyId: string | null;
                name: string | null;
                staffMarks: number;
                corrections: number;
                /** @description Children marked by hand */
                childIds: components["schemas"]["Id"][];
            }[];
            tablets: {
                deviceId: components["schemas"]["Id"];
                deviceName: string;
                staffMarks: number;
                corrections: number;
                /** @description Children marked by hand */
                childIds: components["schemas"]["Id"][];
            }[];
        };
        /**
         * @description Children checked in on the day (corrections applied) whose every check-in from `from` to `to` was by bracelet or
         *     by hand, never by face nor by a bracelet tap with a person seen in front of the camera (presence evidence); with the days they were checked in over that span and whether they have face templates
         *     on the district now (a child without consent or enrolment cannot be checked in by face).
         */
        IntegrityNeverByFace: {
            from: components["schemas"]["DayKey"];
            to: components["schemas"]["DayKey"];
            children: {
                childId: components["schemas"]["Id"];
                /** @description Null for a child no longer on the roster. */
                displayName: string | null;
                daysPresent: number;
                faceEnrolled: boolean;
            }[];
        };
        /** @description Signals of padded attendance at a site on one day (GET /admin/v1/sites/{siteId}/integrity). */
        SiteIntegrity: {
            siteId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            timeZone: string;
            options: {
                burstCount: number;
                burstSeconds: number;
                faceDays: number;
            };
            bursts: components["schemas"]["IntegrityBurst"][];
            refusedFaces: components["schemas"]["IntegrityRefusedFaces"];
            flaggedFaces: components["schemas"]["IntegrityFlaggedFace"][];
            handMarks: components["schemas"]["IntegrityHandMarks"];
            neverByFace: components["schemas"]["IntegrityNeverByFace"];
            unseenTaps: components["schemas"]["IntegrityUnseenTaps"];
            backdated: components["schemas"]["IntegrityBackdated"][];
            latePushes: components["schemas"]["IntegrityLatePush"][];
            unexplainedFaces: components["schemas"]["IntegrityUnexplainedFace"][];
            enrolments: components["schemas"]["IntegrityEnrolment"][];
        };
        /**
         * @description A face enrolment at a tablet of the site that day (its audit entry): the child, the member of staff on duty who
         *     enrolled as the tablet's staff panel named them (null: nobody chosen, or a tablet from before 2026-12-07), and
         *     how many templates it replaced (0: a first enrolment; null: not said). A face enrolled under another child's
         *     name checks that child in as if present, so every enrolment is listed; a re-enrolment stands out.
         */
        IntegrityEnrolment: {
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            seq: number;
            atMs: components["schemas"]["EpochMs"];
            childId: components["schemas"]["Id"] | null;
            replaced: number | null;
            staffName: string | null;
        };
        /**
         * @description An event of the day recorded with its tablet's clock set back: its time lies `behindMs` before the latest time
         *     that tablet had already recorded (a tablet appends its events as they happen; a clock's drift is allowed). How an
         *     earlier day is filled in; also a tablet whose clock was corrected by more than ten minutes.
         */
        IntegrityBackdated: {
            eventId: components["schemas"]["Uuid"];
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            childId: components["schemas"]["Id"];
            atMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            kind: "face" | "bracelet" | "staff" | "correction";
            direction: ("in" | "out") | null;
            behindMs: number;
        };
        /** @description A tablet's events of the day that reached the district more than 24 hours after their time (offline, or filled in later). */
        IntegrityLatePush: {
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            events: number;
            maxDelayMs: number;
        };
        /**
         * @description A face check-in no honest kiosk makes: `no-consent`, for a child with no face consent in force that day (a tablet
         *     offline when the consent ended may match for up to its offline days); `no-pad`, without a presentation-attack
         *     result (every kiosk since the check exists adds one). Not counted as seeing the child.
         */
        IntegrityUnexplainedFace: {
            eventId: components["schemas"]["Uuid"];
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            childId: components["schemas"]["Id"];
            atMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            direction: "in" | "out";
            /** @enum {string} */
            reason: "no-consent" | "no-pad";
        };
        /**
         * @description Bracelet marks at a site with presence evidence on (SiteSettings.presenceEvidence): `checked` marks carried the
         *     camera's word, `nobody` of them had no person in front of the camera when the bracelet was tapped (a drawer of
         *     bracelets tapped at an empty door). Per tablet, and each such mark. Empty where the setting is off.
         */
        IntegrityUnseenTaps: {
            checked: number;
            nobody: number;
            byTablet: {
                deviceId: components["schemas"]["Id"];
                deviceName: string;
                checked: number;
                nobody: number;
            }[];
            entries: {
                eventId: components["schemas"]["Uuid"];
                deviceId: components["schemas"]["Id"];
                deviceName: string;
                childId: components["schemas"]["Id"];
                atMs: components["schemas"]["EpochMs"];
                /** @enum {string} */
                direction: "in" | "out";
            }[];
        };
        /** @description A rate's count of errors in trials and its Clopper-Pearson 95% interval (null bounds when there were no trials). */
        RecognitionRate: {
            errors: number;
            trials: number;
            upper95: number | null;
            lower95: number | null;
        };
        /** @description A model file the tablet's recognition worker runs, and the start of its SHA-256. */
        RecognitionReportModel: {
            file: string;
            sha256Prefix: string;
        };
        /**
         * @description The figures of a tablet's recognition self-test: numbers and counts only, never a child id, a name or a template.
         *     fpir: each child's samples searched against the other children; fnir: each sample held out against the child's
         *     other samples; twinCandidates: pairs of children the gate cannot tell apart reliably; weakEnrolments: children
         *     to re-enrol. threshold and margin are the site's, as the tablet applied them.
         */
        RecognitionReportUpload: {
            computedAtMs: components["schemas"]["EpochMs"];
            galleryChildren: number;
            samples: number;
            threshold: number;
            margin: number;
            fpir: components["schemas"]["RecognitionRate"];
            fnir: components["schemas"]["RecognitionRate"];
            twinCandidates: number;
            weakEnrolments: number;
            models: components["schemas"]["RecognitionReportModel"][];
            appVersion: string;
        };
        RecognitionReportAck: {
            computedAtMs: components["schemas"]["EpochMs"];
            /**
             * @description stored (now the tablet's latest), or older (the district holds a report computed later; nothing changed).
             * @enum {string}
             */
            status: "stored" | "older";
        };
        RecognitionTarget: {
            maxFpirUpper95: number;
            maxFnirUpper95: number;
        };
        /**
         * @description Why a tablet's figures are not within the target. above-target: the rate's upper bound is above the target;
         *     too-wide: so few trials that no error at all would still leave the upper bound above the target; no-trials:
         *     nothing to estimate the rate from (fewer than two children for FPIR, no child with two samples for FNIR).
         */
        RecognitionReason: {
            /** @enum {string} */
            code: "above-target" | "too-wide" | "no-trials";
            /** @enum {string} */
            rate: "fpir" | "fnir";
            upper95: number | null;
            target: number;
            galleryChildren: number;
            trials: number;
            /** @description The reason in English (the CLI prints it). */
            text: string;
        };
        RecognitionReportListing: {
            siteId: components["schemas"]["Id"];
            siteName: string;
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            receivedAtMs: components["schemas"]["EpochMs"];
            report: components["schemas"]["RecognitionReportUpload"];
            /** @enum {string} */
            verdict: "within" | "outside" | "too-few";
            reasons: components["schemas"]["RecognitionReason"][];
        };
        RecognitionReportList: {
            target: components["schemas"]["RecognitionTarget"];
            reports: components["schemas"]["RecognitionReportListing"][];
        };
        /**
         * @description district-admin: the whole district (as the admin token). site-director: one site, read and change. teacher: one site, read only. parent: only their own children, on the parents' page; no admin access.
         * @enum {string}
         */
        AccountRole: "district-admin" | "site-director" | "teacher" | "parent";
        Account: {
            accountId: components["schemas"]["Id"];
            displayName: string;
            role: components["schemas"]["AccountRole"];
            siteId: components["schemas"]["Id"] | null;
            childIds: components["schemas"]["Id"][];
            createdAtMs: components["schemas"]["EpochMs"];
            disabledAtMs: components["schemas"]["EpochMs"] | null;
            passkeys: number;
            /** @description When the account's unused invitation expires; null when there is none. */
            pendingInvitation: components["schemas"]["EpochMs"] | null;
        };
        AccountCreate: {
            displayName: components["schemas"]["PlainText"];
            role: components["schemas"]["AccountRole"];
            /** @description Required for site-director and teacher; not given for the others. */
            siteId?: components["schemas"]["Id"];
            /** @description A parent's children (at least one); not given for the others. */
            childIds?: components["schemas"]["Id"][];
        };
        Invitation: {
            accountId: components["schemas"]["Id"];
            code: string;
            /** @description The page where the person registers their passkey, with the code in its fragment (never sent to a server log). */
            link: string;
            expiresAtMs: components["schemas"]["EpochMs"];
        };
        InvitationCheck: {
            code: string;
        };
        PasskeyCeremony: {
            ceremonyId: components["schemas"]["Id"];
            /** @description PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3), valid 5 minutes. */
            options: {
                [key: string]: unknown;
            };
            /** @description For an invitation: the name the account was created with. */
            displayName?: string;
        };
        /** @description RegistrationResponseJSON or AuthenticationResponseJSON as the browser gives it (WebAuthn Level 3 toJSON()). */
        WebAuthnCredentialJson: {
            id: components["schemas"]["Base64Url"];
            rawId: components["schemas"]["Base64Url"];
            /** @constant */
            type: "public-key";
            response: {
                [key: string]: unknown;
            };
        };
        InvitationRedeem: {
            code: string;
            ceremonyId: components["schemas"]["Id"];
            credential: components["schemas"]["WebAuthnCredentialJson"];
        };
        SignInFinish: {
            ceremonyId: components["schemas"]["Id"];
            credential: components["schemas"]["WebAuthnCredentialJson"];
        };
        Me: {
            accountId: components["schemas"]["Id"];
            displayName: string;
            role: components["schemas"]["AccountRole"];
            siteId: components["schemas"]["Id"] | null;
            sessionExpiresAtMs: components["schemas"]["EpochMs"];
        };
        SessionState: {
            person: components["schemas"]["Me"] | null;
        };
        SignedOut: {
            /** @constant */
            signedOut: true;
        };
        /** @description One arrival or departure as the parent sees it, nothing else (staff corrections applied). */
        AttendanceMark: {
            atMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            direction: "in" | "out";
            /** @enum {string} */
            method: "face" | "bracelet" | "staff";
            /** @description The name of the tablet that recorded it. */
            gate: string;
            /** @description Who collected the child (an authorised pickup adult's id), when the event carries one. */
            pickupId?: components["schemas"]["Id"];
            /** @description That adult's name */
            pickupName?: string;
        };
        AttendanceDay: {
            day: components["schemas"]["DayKey"];
            marks: components["schemas"]["AttendanceMark"][];
        };
        Dashboard: {
            generatedAtMs: components["schemas"]["EpochMs"];
            seriesWeeks: number;
            sites: components["schemas"]["DashboardSite"][];
        };
        DashboardSite: {
            siteId: components["schemas"]["Id"];
            name: string;
            timeZone: string;
            day: components["schemas"]["DayKey"];
            groups: components["schemas"]["DashboardGroup"][];
            tablets: components["schemas"]["DashboardTablet"][];
            /** @description The day's integrity signals (bursts, refused and flagged faces, taps with nobody seen, children never seen); null where the caller does not read them (a teacher). */
            integrityFlags: components["schemas"]["DashboardIntegrity"] | null;
            series: components["schemas"]["DashboardDay"][];
        };
        DashboardGroup: {
            group: string;
            /** @description On the roster that day. */
            children: number;
            present: number;
            /** @description Not present, with a reason a parent or staff gave. */
            absent: number;
            absentByReason: {
                illness: number;
                family: number;
                holiday: number;
                other: number;
            };
            /** @description Not present and no reason given (on a past day: absent with no reason). */
            notArrived: number;
        };
        DashboardTablet: {
            deviceId: components["schemas"]["Id"];
            name: string;
            lastSyncAtMs: components["schemas"]["EpochMs"] | null;
            /** @description Whole days since the last sync; null when it never synced. */
            daysOffline: number | null;
            /** @description From the tablet's latest recognition self-test; null when it sent none. */
            appVersion: string | null;
            /**
             * @description The tablet's bracelet readers as it last reported them (audit kind reader-state): ok, every reader working; problem, at least one not; none, no reader set up; not-reported, the tablet has not reported them yet.
             * @enum {string}
             */
            readerState: "ok" | "problem" | "none" | "not-reported";
            /** @description Each reader as "transport:state" (serial, keyboard or nfc; connected, listening, reconnecting, disconnected, unsupported or refused); empty when not reported. */
            readers: string[];
            /** @description When the tablet recorded that state (its clock); null when not reported. */
            readerStateAtMs: components["schemas"]["EpochMs"] | null;
        };
        DashboardIntegrity: {
            total: number;
            /** @description Backdated events and face check-ins no honest kiosk makes (SiteIntegrity.backdated, unexplainedFaces). */
            records: number;
            bursts: number;
            refusedFaces: number;
            flaggedFaces: number;
            unseenTaps: number;
            neverByFace: number;
        };
        DashboardDay: {
            day: components["schemas"]["DayKey"];
            present: number;
        };
        /** @enum {string} */
        AbsenceReason: "illness" | "family" | "holiday" | "other";
        /** @enum {string} */
        NoticeLanguage: "kk" | "ru" | "en";
        NoticeSubscription: {
            subscriptionId: components["schemas"]["Id"];
            /** @enum {string} */
            channel: "push" | "email";
            /** @description The e-mail address, or the push service host of a browser. */
            label: string;
            language: components["schemas"]["NoticeLanguage"];
            createdAtMs: components["schemas"]["EpochMs"];
            /** @description Notices go there. An e-mail address is not confirmed until its owner uses the link mailed to it. */
            confirmed: boolean;
            /** @description An address waiting for its confirmation: when the last link was mailed (it works for 48 hours). */
            confirmationSentAtMs?: components["schemas"]["EpochMs"];
        };
        NoticeSettings: {
            /** @description Whether the district sends e-mail notices (SMTP configured). */
            emailEnabled: boolean;
            /** @description The district's VAPID public key (RFC 8292), base64url, for PushManager.subscribe. */
            vapidPublicKey: string;
            subscriptions: components["schemas"]["NoticeSubscription"][];
        };
        PushSubscriptionInput: {
            endpoint: string;
            keys: {
                p256dh: string;
                auth: string;
            };
            language: components["schemas"]["NoticeLanguage"];
            expirationTime?: number | null;
        };
        EmailSubscriptionInput: {
            address: string;
            language: components["schemas"]["NoticeLanguage"];
        };
        NoticeStop: {
            subscriptionId?: components["schemas"]["Id"];
        };
        NoticeStopped: {
            removed: number;
        };
        AbsenceReport: {
            day: components["schemas"]["DayKey"];
            reason: components["schemas"]["AbsenceReason"];
            /** @description Free text; required with reason other. */
            note?: components["schemas"]["PlainNote"];
        };
        Absence: {
            absenceId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            reason: components["schemas"]["AbsenceReason"];
            note: string;
            /** @enum {string} */
            reportedBy: "parent" | "staff";
            createdAtMs: components["schemas"]["EpochMs"];
        };
        ParentConsentChange: {
            /** @enum {string} */
            action: "grant" | "withdraw";
        };
        ParentConsent: {
            active: boolean;
            grantedOn: components["schemas"]["DayKey"] | null;
            expiresOn: components["schemas"]["DayKey"] | null;
            madeBy: ("district" | "parent") | null;
            withdrawnOn?: components["schemas"]["DayKey"] | null;
            /**
             * @description The consent shown is not in force yet: recorded to start on grantedOn (a renewal entered ahead). A withdrawal
             *     ends it too.
             */
            startsLater?: boolean;
        };
        /** @description A tablet deleted the child's face templates (after a withdrawal, expiry or removal). */
        PurgeReceiptForParent: {
            gate: string;
            purgedAtMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            reason: "consent-revoked" | "consent-expired" | "child-removed" | "biometrics-disabled";
        };
        ParentChild: {
            childId: components["schemas"]["Id"];
            displayName: string;
            group: string;
            siteName: string;
            timeZone: components["schemas"]["SiteTimeZone"];
            today: components["schemas"]["AttendanceDay"];
            consent: components["schemas"]["ParentConsent"];
            /** @description Today and later. */
            absences: components["schemas"]["Absence"][];
        };
        ParentChildDetail: {
            child: components["schemas"]["ParentChild"];
            /** @description Days with marks */
            history: components["schemas"]["AttendanceDay"][];
            receipts: components["schemas"]["PurgeReceiptForParent"][];
            /** @description How many tablets of the site are paired (the receipts to expect after a withdrawal). */
            sitePaired: number;
        };
        /** @description A child on a group's day. Absent children carry the reason (none when nobody gave one). */
        RegisterChild: {
            childId: components["schemas"]["Id"];
            displayName: string;
            /** @enum {string} */
            status: "present" | "absent";
            firstInAtMs: components["schemas"]["EpochMs"] | null;
            /** @enum {unknown} */
            firstInMethod: "face" | "bracelet" | "staff" | null;
            lastOutAtMs: components["schemas"]["EpochMs"] | null;
            /** @enum {unknown} */
            lastOutMethod: "face" | "bracelet" | "staff" | null;
            /** @enum {unknown} */
            absenceReason: "illness" | "family" | "holiday" | "other" | "none" | null;
            absenceNote: string;
            /** @enum {unknown} */
            absenceReportedBy: "parent" | "staff" | null;
        };
        /** @description A check-in or check-out staff made by hand, with the member of staff on duty who made it (the name they typed at their duty sign-in; null when the mark named nobody); the note is the staff's own. */
        RegisterStaffMark: {
            eventId: components["schemas"]["Uuid"];
            childId: components["schemas"]["Id"];
            atMs: components["schemas"]["EpochMs"];
            /** @enum {string} */
            direction: "in" | "out";
            deviceId: components["schemas"]["Id"];
            deviceName: string;
            staffMember: string | null;
            staffNote: string | null;
        };
        /** @description The integrity signals of the day (GET /admin/v1/sites/{siteId}/integrity, default options) that concern the group's children. */
        RegisterFlags: {
            bursts: {
                deviceId: components["schemas"]["Id"];
                startAtMs: components["schemas"]["EpochMs"];
                endAtMs: components["schemas"]["EpochMs"];
                count: number;
                childIds: components["schemas"]["Id"][];
            }[];
            flaggedFaces: {
                eventId: components["schemas"]["Uuid"];
                childId: components["schemas"]["Id"];
                atMs: components["schemas"]["EpochMs"];
                /** @enum {string} */
                padResult: "attack" | "unsure";
            }[];
            refusedFaces: {
                childId: components["schemas"]["Id"];
                count: number;
            }[];
            neverByFace: {
                childId: components["schemas"]["Id"];
                daysPresent: number;
                faceEnrolled: boolean;
            }[];
            /**
             * @description The group's events recorded with the tablet's clock set back (SiteIntegrity.backdated). Present only on a day
             *     that has any, so that registers approved before this flag existed keep their content hash.
             */
            backdated?: {
                eventId: components["schemas"]["Uuid"];
                childId: components["schemas"]["Id"];
                atMs: components["schemas"]["EpochMs"];
                behindMs: number;
            }[];
            /**
             * @description The group's face check-ins no honest kiosk makes (SiteIntegrity.unexplainedFaces). Present only on a day that
             *     has any, like backdated.
             */
            unexplainedFaces?: {
                eventId: components["schemas"]["Uuid"];
                childId: components["schemas"]["Id"];
                atMs: components["schemas"]["EpochMs"];
                /** @enum {string} */
                reason: "no-consent" | "no-pad";
            }[];
        };
        /** @description What a director approves for one group's day; its canonical JSON (keys sorted, no spaces) is hashed and signed. */
        RegisterContent: {
            /** @constant */
            format: "gate-kiosk/register-v1";
            siteId: components["schemas"]["Id"];
            siteName: string;
            timeZone: string;
            day: components["schemas"]["DayKey"];
            group: string;
            children: components["schemas"]["RegisterChild"][];
            staffMarks: components["schemas"]["RegisterStaffMark"][];
            flags: components["schemas"]["RegisterFlags"];
        };
        /** @enum {string} */
        RegisterState: "unapproved" | "approved" | "changed";
        RegisterApprovalSummary: {
            approvalId: components["schemas"]["Id"];
            version: number;
            contentSha256: components["schemas"]["Sha256Hex"];
            approvedBy: components["schemas"]["Id"];
            approverName: string;
            /** @enum {string} */
            approverRole: "site-director" | "district-admin";
            approvedAtMs: components["schemas"]["EpochMs"];
            /** @description Why the day was approved again (versions after the first). */
            reason: string | null;
            keyId: string;
            signature: components["schemas"]["Base64Url"];
        };
        /**
         * @description An approved version. `statement` is the exact text the district signed (ECDSA P-256 with SHA-256, IEEE P1363
         *     signature, base64url): canonical JSON of the kind, site, day, group, version, content hash, approver and time.
         *     Verify with `publicKeyJwk`, then check that SHA-256 of the canonical JSON of `content` is `contentSha256`.
         */
        RegisterApproval: {
            approvalId: components["schemas"]["Id"];
            siteId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            group: string;
            version: number;
            contentSha256: components["schemas"]["Sha256Hex"];
            approvedBy: components["schemas"]["Id"];
            approverName: string;
            /** @enum {string} */
            approverRole: "site-director" | "district-admin";
            approvedAtMs: components["schemas"]["EpochMs"];
            reason: string | null;
            keyId: string;
            signature: components["schemas"]["Base64Url"];
            statement: string;
            publicKeyJwk: components["schemas"]["EcPublicJwk"];
            content: components["schemas"]["RegisterContent"];
        };
        RegisterCorrection: {
            correctionId: components["schemas"]["Id"];
            childId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            group: string;
            absenceReason: components["schemas"]["AbsenceReason"];
            note: string;
            correctionReason: string | null;
            actor: string;
            atMs: components["schemas"]["EpochMs"];
            /** @description The approved version this corrects (null when the day was not approved). */
            afterVersion: number | null;
        };
        RegisterGroupDay: {
            group: string;
            state: components["schemas"]["RegisterState"];
            contentSha256: components["schemas"]["Sha256Hex"];
            content: components["schemas"]["RegisterContent"];
            /** @description Every approved version */
            approvals: components["schemas"]["RegisterApprovalSummary"][];
            /** @description Corrections of the day */
            corrections: components["schemas"]["RegisterCorrection"][];
        };
        RegisterDay: {
            siteId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            timeZone: string;
            groups: components["schemas"]["RegisterGroupDay"][];
        };
        RegisterApprove: {
            day: components["schemas"]["DayKey"];
            group: string;
            contentSha256: components["schemas"]["Sha256Hex"];
            reason?: components["schemas"]["PlainNote"];
        };
        RegisterAbsenceCorrection: {
            childId: components["schemas"]["Id"];
            day: components["schemas"]["DayKey"];
            reason: components["schemas"]["AbsenceReason"];
            note?: components["schemas"]["PlainNote"];
            correctionReason?: components["schemas"]["PlainNote"];
        };
        RegisterMonthGroupDay: {
            day: components["schemas"]["DayKey"];
            group: string;
            state: components["schemas"]["RegisterState"];
            approvedVersion: number | null;
            approvedBy: components["schemas"]["Id"] | null;
            approverName: string | null;
            approvedAtMs: components["schemas"]["EpochMs"] | null;
            contentSha256: components["schemas"]["Sha256Hex"];
            children: components["schemas"]["RegisterChild"][];
            /** @description Why the day was approved again (the newest approved version's reason); null for a first approval or none. */
            approvalReason: string | null;
            /**
             * @description On a day approved more than once: the first approval, with each child's status as first signed, so that a
             *     change approved again afterwards (a check-in pushed late, a correction) shows beside what was first signed.
             */
            firstApproval: null | {
                approvedAtMs: components["schemas"]["EpochMs"];
                approverName: string;
                statusByChild: {
                    [key: string]: "present" | "absent";
                };
            };
            flags: components["schemas"]["RegisterFlags"];
            /** @description The group's children marked by hand by staff that day. */
            handMarked: components["schemas"]["Id"][];
        };
        RegisterMonth: {
            siteId: components["schemas"]["Id"];
            siteName: string;
            timeZone: string;
            month: string;
            days: components["schemas"]["RegisterMonthGroupDay"][];
        };
    };
    responses: {
        /** @description The request was refused; `code` says why, `message` says it for a person. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        SiteId: components["schemas"]["Id"];
        DeviceIdParam: components["schemas"]["Id"];
        ChildIdParam: components["schemas"]["Id"];
        AccountIdParam: components["schemas"]["Id"];
    };
    requestBodies: never;
    headers: {
        /** @description The district's signature of this answer for this request (see "Signed answers" above). */
        AnswerSignature: string;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    pairDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PairRequest"];
            };
        };
        responses: {
            /** @description Paired. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PairResponse"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    getDeviceState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description State. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceState"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    pushEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PushRequest"];
            };
        };
        responses: {
            /** @description One result per event, sent after the commit. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushResponse"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    uploadTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateUpload"];
            };
        };
        responses: {
            /** @description Stored (or stored before). */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateAck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    getTemplateKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key (see TemplateKey). */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateKey"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    registerWrapKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WrapKeyRegistration"];
            };
        };
        responses: {
            /** @description Registered. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrapKeyRegistration"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    confirmTemplateKeyRenewal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateKeyRenewal"];
            };
        };
        responses: {
            /** @description Recorded. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateKeyRenewalAck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    pushPurgeReceipts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurgeReceiptPush"];
            };
        };
        responses: {
            /** @description Receipts stored (idempotent by receipt id). */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurgeReceiptAck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    pushAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditPush"];
            };
        };
        responses: {
            /** @description Stored after the commit; head is the last entry the server holds. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditAck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    getBundle: {
        parameters: {
            query?: {
                since?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Full, delta or unchanged. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleAnswer"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    pushRecognitionReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecognitionReportUpload"];
            };
        };
        responses: {
            /** @description Stored after the commit (or an older report than the one held, acknowledged and not kept). */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionReportAck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    getSiteEvents: {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
                after?: components["schemas"]["SiteEventsCursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the other tablets' events of the day. */
            200: {
                headers: {
                    "Gk-Answer-Signature": components["headers"]["AnswerSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteEventsPage"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    getDashboard: {
        parameters: {
            query?: {
                day?: components["schemas"]["DayKey"];
                siteId?: components["schemas"]["Id"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listSites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sites. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    createSite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteCreate"];
            };
        };
        responses: {
            /** @description Created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    updateSiteSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteSettingsPatch"];
            };
        };
        responses: {
            /** @description The site with its new settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    createPairingCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A one-time code, shown once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PairingCode"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listDevices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Devices of the site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    revokeDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked; its signatures are refused from now on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listPurgeReceipts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Receipts the device sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurgeReceipt"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listDeviceAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: components["parameters"]["DeviceIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntry"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                siteId?: components["schemas"]["Id"];
                kind?: string;
                olderThan?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    verifyAuditChains: {
        parameters: {
            query?: {
                siteId?: components["schemas"]["Id"];
                /** @description true: re-verify every stored entry from the start of each chain. Otherwise only the entries stored since this server process last verified the chain are checked (with the last verified entry's hash). Either way the work is done in batches that leave the server free for other requests in between. */
                full?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One verdict per tablet. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainStatus"][];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listChildren: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Children of the site with their bracelets and consents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildAdmin"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    createChild: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChildCreate"];
            };
        };
        responses: {
            /** @description Created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildAdmin"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    removeChild: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildAdmin"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    clearTwinFlags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared (or there were none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildAdmin"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    grantConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentGrant"];
            };
        };
        responses: {
            /** @description Granted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    revokeConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                consentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listPickups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The child's entries (a pickup code is never shown, only whether there is one). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildPickups"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    addPickupAdult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PickupAdultCreate"];
            };
        };
        responses: {
            /** @description Added. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickupAdultAdmin"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    updatePickupAdult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pickupId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PickupAdultPatch"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickupAdultAdmin"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    removePickupAdult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pickupId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; the adult as it was. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickupAdultAdmin"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    addDoNotRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DoNotReleaseCreate"];
            };
        };
        responses: {
            /** @description Recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DoNotRelease"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    removeDoNotRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; the entry as it was. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DoNotRelease"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    dailyReport: {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each child's first check-in and last check-out of the day, corrections applied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyReport"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    siteIntegrity: {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
                /** @description Check-ins by bracelet at one tablet that make a burst (default 5). */
                burstCount?: number;
                /** @description Within how many seconds they make a burst (default 10). */
                burstSeconds?: number;
                /** @description The days, ending with `day`, over which a child present on `day` was never checked in by face (default 10). */
                faceDays?: number;
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signals of the day. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteIntegrity"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getRegisterDay: {
        parameters: {
            query: {
                day: components["schemas"]["DayKey"];
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The day's register. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterDay"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    approveRegister: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterApprove"];
            };
        };
        responses: {
            /** @description The new approved version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterApproval"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    correctRegisterAbsence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterAbsenceCorrection"];
            };
        };
        responses: {
            /** @description The correction as recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterCorrection"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    registerMonth: {
        parameters: {
            query?: {
                format?: "json" | "csv" | "xlsx";
            };
            header?: never;
            path: {
                siteId: components["parameters"]["SiteId"];
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The month's register. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterMonth"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getRegisterApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approvalId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The approved version, as it was approved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterApproval"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getTemplateKeyStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateKeyStatus"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    rotateTemplateKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rotated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateKeyRotation"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    rotateAdminToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new token (shown once). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** @enum {string} */
                        storedIn: "file";
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    rotateEpoch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new epoch. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        epoch: components["schemas"]["Id"];
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listRecognitionReports: {
        parameters: {
            query?: {
                siteId?: components["schemas"]["Id"];
                /** @description Target for the FPIR 95% upper bound (default 0.01). */
                maxFpirUpper95?: number;
                /** @description Target for the FNIR 95% upper bound (default 0.05). */
                maxFnirUpper95?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Latest report per tablet, sites by name, tablets by name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionReportList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountCreate"];
            };
        };
        responses: {
            /** @description Created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    inviteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: components["parameters"]["AccountIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code and the link to give the person (printed or sent); earlier unused codes of the account stop working. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    disableAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: components["parameters"]["AccountIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    invitationOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationCheck"];
            };
        };
        responses: {
            /** @description Options for navigator.credentials.create() (WebAuthn JSON), and the ceremony they belong to. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyCeremony"];
                };
            };
            403: components["responses"]["Error"];
        };
    };
    redeemInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationRedeem"];
            };
        };
        responses: {
            /** @description Signed in; the answer sets the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            403: components["responses"]["Error"];
        };
    };
    signInOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Options for navigator.credentials.get(), and the ceremony they belong to. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyCeremony"];
                };
            };
            403: components["responses"]["Error"];
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInFinish"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            403: components["responses"]["Error"];
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedOut"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in person, or null (no cookie, or one that matches no live session). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionState"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in person. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    parentChildren: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The children linked to this parent's account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParentChild"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    parentChild: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The child. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParentChildDetail"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    parentConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParentConsentChange"];
            };
        };
        responses: {
            /** @description The child after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParentChildDetail"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    parentReportAbsence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                childId: components["parameters"]["ChildIdParam"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AbsenceReport"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Absence"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    parentNotices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What is on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeSettings"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    parentSubscribePush: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PushSubscriptionInput"];
            };
        };
        responses: {
            /** @description On. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeSubscription"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    parentSubscribeEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailSubscriptionInput"];
            };
        };
        responses: {
            /** @description Waiting for its confirmation (`confirmed` false), or already on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeSubscription"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    parentStopNotices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoticeStop"];
            };
        };
        responses: {
            /** @description Stopped. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeStopped"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
}
