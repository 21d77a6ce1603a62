/**
 * Generated from api/openapi.yaml by scripts/gen-client-types.mjs (openapi-typescript).
 * Do not edit: change the contract and run `node scripts/gen-client-types.mjs`.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database check. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Procedures this back end accepts, with the definition version it validates against. */
        get: operations["listProcedures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/procedures/{slug}/fee-quote": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The fee the back end will charge for a (possibly partial) dossier.
         * @description Computed with the procedure's `x-fees` from the data sent, exactly as at submission: the fee in
         *     the answer to `POST /dossiers` for the same data equals this quote. Partial data is allowed
         *     (lines whose condition cannot be decided yet count as not matching); nothing is stored.
         */
        post: operations["quoteFee"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/prefill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in citizen's record from the population database, keyed by the prefill vocabulary. */
        get: operations["getPrefill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The citizen's reusable digitised documents (kho dữ liệu), which can stand in for an upload. */
        get: operations["listDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an upload (tus creation extension).
         * @description The file is then sent with `PATCH` to the URL in `Location`. The upload id used in a dossier's
         *     `attachments[].uploadId` is the last path segment of that URL.
         *
         *     Needs an owner: a citizen's token or the filing's `Dvc-Session` secret (401 without either, or
         *     with an invalid token). `Upload-Defer-Length` is not supported (400): the size is declared at
         *     creation. Each owner may hold a limited number and total size of uploads that no submitted dossier
         *     references yet (reference back end: `UPLOAD_QUOTA_FILES`, default 50, answered 429;
         *     `UPLOAD_QUOTA_MB`, default 100 MB, answered 413; both `type` `…/upload-quota`). Uploads no dossier
         *     references are deleted some time after creation (reference back end: `UPLOAD_RETENTION_HOURS`,
         *     default 24). Creations are also limited per client address, whoever the owner (reference back end:
         *     `UPLOAD_RATE_LIMIT`, 120 a minute; 429 `…/too-many-requests` with `Retry-After`).
         */
        post: operations["tusCreate"];
        delete?: never;
        /** tus discovery of the server's protocol version, extensions and maximum size. */
        options: operations["tusOptions"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uploads/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id (last path segment of the `Location` returned at creation). */
                uploadId: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        /**
         * Download a finished upload (its owner, or an officer of an agency a dossier with it went to).
         * @description Served by the back end itself with `Content-Disposition: attachment` (a sanitised file name),
         *     `X-Content-Type-Options: nosniff` and `Cache-Control: private, no-store`. `Content-Type` is the type
         *     found in the file's first bytes (PDF, PNG, JPEG, GIF, WebP), else `application/octet-stream`, never
         *     the type the uploader claimed. The owner, or (reference back end) an officer token of an agency a
         *     submitted dossier referencing the upload went to; anyone else is answered 404.
         */
        get: operations["downloadUpload"];
        put?: never;
        post?: never;
        /**
         * Terminate an upload (tus termination extension); the citizen removed the file.
         * @description Only the upload's owner (anyone else: 404), and only while no submitted dossier references it: an
         *     upload a dossier references is never deleted (409 `…/upload-referenced`, or 403).
         */
        delete: operations["tusTerminate"];
        options?: never;
        /**
         * How many bytes of the upload the server holds (to resume).
         * @description Only the upload's owner; anyone else is answered 404.
         */
        head: operations["tusHead"];
        /**
         * Append bytes at the given offset.
         * @description Only the upload's owner; anyone else is answered 404.
         */
        patch: operations["tusPatch"];
        trace?: never;
    };
    "/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a dossier; get its code and appointment date.
         * @description The back end validates `data` with the procedure's own compiled validator (never trusting the
         *     browser), checks the attachments, computes the fee, stores the dossier and issues its code.
         *
         *     Idempotency: the first request with a given `Idempotency-Key` answers 201. A later request with
         *     the same key and the same body (compared as JSON, key order ignored) answers 200 with the same
         *     answer, including the same `code`; nothing new is stored. The same key with another body answers
         *     409. Keys are kept at least 24 hours. This makes retries after a lost answer safe.
         *
         *     Keys are scoped to the caller: the citizen of the token (`sub`), else the filing's `Dvc-Session`, else
         *     callers with neither together.
         *     The same key sent by another citizen is that citizen's own new submission: it never answers
         *     another citizen's receipt.
         *
         *     The body must be `application/json`; any other `Content-Type` (`text/plain` included) is 415.
         *
         *     Attachments: an `uploadId` must name a finished upload of the submitter (the citizen of the token,
         *     or the `Dvc-Session` the uploads were made with); another owner's upload is answered like an
         *     unknown one, 422 with the pointer `/attachments/<i>/uploadId`. Once stored, the dossier's uploads
         *     are never deleted.
         *
         *     The dossier's owner is recorded: the signed-in citizen, else the filing's `Dvc-Session` secret
         *     when sent (a malformed one is 400). Only the owner (and the agency's officers) may later pay it
         *     or read its payments; a dossier filed with neither can be paid only through an officer.
         */
        post: operations["submitDossier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossiers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        /**
         * A dossier's status and history, looked up by its code (tra cứu hồ sơ).
         * @description Anyone holding the code may look it up, so the answer carries no personal data: not the dossier's
         *     data, not the citizen, and not which officer made a change. Notes to the citizen (why more
         *     documents are needed, why refused) are shown. Each status change appends to `history`.
         *     Neither a fee note decided by an `x-sensitive` field (a fee category such as an exemption for
         *     disability) nor the payment's `id` is shown. Codes are sequential, so lookups are rate-limited
         *     per client (reference back end: `LOOKUP_RATE_LIMIT`, 60 a minute): more → 429 with `Retry-After`.
         */
        get: operations["getDossier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossiers/{code}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start paying a dossier's fee; the amount is the one the back end computed at submission.
         * @description Only the dossier's owner may pay it: the citizen who filed it signed in (`Authorization: Bearer`,
         *     same `sub`), or, for a dossier filed without signing in, the same `Dvc-Session` secret it was filed
         *     with (both may be sent; either proves it). The reference back end also lets an officer of the
         *     dossier's agency do it (payment at the counter). Neither a token nor a session secret → 401;
         *     anyone else → 404, exactly as for an unknown code (codes are sequential and guessable, so a
         *     stranger learns nothing). A malformed `Dvc-Session` → 400; an invalid token → 401.
         *
         *     `returnUrl` must be on an origin the operator allows (reference back end:
         *     `PAYMENT_RETURN_ORIGINS`, by default the `CORS_ORIGINS` and the public origin); any other → 422
         *     at `/returnUrl`, with `allowedOrigins`. The gateway URLs (VNPay's signed `vnp_ReturnUrl`) come
         *     from the back end's configured public origin, never from the request's `Host`.
         *
         *     A dossier has at most one open (`pending`) payment. Asking for the method of the open payment
         *     answers it again (200) while the gateway still accepts it (`expiresAt`: VNPay 15 minutes after
         *     creation, the `vnp_ExpireDate` signed into the redirect; VietQR a configured validity; counter
         *     never); past that it becomes `expired` and a new one is made (201). Asking for another method
         *     cancels the open one (`cancelled`) and makes a new one (201). A method the back end does not
         *     list in the procedure's `paymentMethods` (`GET /procedures`) → 422 at `/method`, whose `detail`
         *     names the methods it accepts. A dossier whose fee is 0
         *     (`nothing-to-pay`), already paid (`already-paid`), refused (`rejected`), withdrawn or
         *     completed (`dossier-closed`) answers 409.
         */
        post: operations["createPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                paymentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        /**
         * A payment's status (polled by the payment step).
         * @description Only for the dossier's owner (the same bearer token or `Dvc-Session` secret as for
         *     `POST /dossiers/{code}/payments`) and, on the reference back end, the officers of its agency: the
         *     payment holds the gateway URL with the payer's IP address. Neither a token nor a session secret
         *     → 401; anyone else → 404, as for an unknown id. Answered with `Cache-Control: no-store`.
         */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/vnpay/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * VNPay sends the citizen's browser back here after paying (query signed with HMAC-SHA512).
         * @description Redirects only to the payment's stored `returnUrl` when its origin is still allowed, else to the
         *     back end's public origin; never to a URL taken from the request. A query whose signature is
         *     missing or wrong, or that repeats a parameter, answers 400; a malformed `vnp_Amount` never
         *     gives a 500.
         */
        get: operations["vnpayReturn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/vnpay/ipn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** VNPay's server-to-server payment notification (query signed with HMAC-SHA512). */
        get: operations["vnpayIpn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/vietqr/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A bank's notification of a transfer, signed with HMAC-SHA256 over the raw body.
         * @description The purpose names the payment id or the dossier code (then the dossier's open VietQR payment is
         *     meant). The same `transactionId` again is already recorded (204, nothing changes). A transfer that
         *     cannot be credited (the fee is already paid, the dossier was refused or withdrawn) is kept as a
         *     `refund-due` payment with a note in the dossier's history; it is never a second `paid`.
         */
        post: operations["vietqrNotify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/drafts/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        /** The signed-in citizen's saved draft of a procedure. */
        get: operations["getDraft"];
        /**
         * Save (replace) the draft. The SDK never sends answers marked `x-sensitive`; a back end drops any it is sent (never stores them).
         * @description Optimistic concurrency, so a device with an old copy cannot overwrite the draft saved since on
         *     another device: with `baseUpdatedAt` set to the `updatedAt` of the stored draft the client started
         *     from (or `null` when it expects none), the back end replaces the draft only if the stored one is
         *     still that one (an expired draft counts as none) and answers 409 otherwise, keeping the stored
         *     draft. Without `baseUpdatedAt` the draft is replaced unconditionally. Every save gives the draft a
         *     new `updatedAt`, later than the previous one.
         */
        put: operations["putDraft"];
        post?: never;
        /** Delete the draft (after submission or when the citizen discards it). Idempotent. */
        delete: operations["deleteDraft"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provinces and their communes (two-level units since 1 July 2025). */
        get: operations["getAdminUnits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev-idp/citizens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sample citizens one can sign in as (development only). */
        get: operations["devIdpCitizens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev-idp/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a signed JWT (ES256) for a sample citizen or sample officer (development only).
         * @description An officer's token (a `sub` of `GET /dev-idp/officers`) carries the officer scope and the
         *     officer's agency claim that the officer API checks.
         */
        post: operations["devIdpToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev-idp/officers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sample officers one can get a token for (development only); one belongs to another agency. */
        get: operations["devIdpOfficers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/officer/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The officer's agency's dossiers, newest first (reference back end). */
        get: operations["officerListDossiers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/officer/dossiers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        /** One dossier in full, with who made each change and the statuses it may move to (reference back end). */
        get: operations["officerGetDossier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/officer/dossiers/{code}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a dossier to another status (reference back end).
         * @description The allowed changes (Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP):
         *
         *     | from | to |
         *     | --- | --- |
         *     | `submitted` | `received`, `supplement-requested`, `rejected`, `withdrawn` |
         *     | `received` | `processing`, `supplement-requested`, `rejected`, `withdrawn` |
         *     | `supplement-requested` | `received`, `processing`, `rejected`, `withdrawn` |
         *     | `processing` | `supplement-requested`, `result-ready`, `rejected`, `withdrawn` |
         *     | `result-ready` | `completed` |
         *     | `completed`, `rejected`, `withdrawn` | none (final) |
         *
         *     Any other change is 409 (`illegal-transition`) naming `currentStatus`, `requestedStatus` and
         *     `allowedTransitions`. With `expectedStatus`, a dossier changed meanwhile by someone else is 409
         *     (`status-changed`) and nothing is written. `supplement-requested` and `rejected` need a `note`
         *     telling the citizen what to add or why (422 pointing at `/note` without one). Each change appends
         *     to the history with the server's time (never earlier than the previous entry), the note and the
         *     officer (shown to officers only).
         */
        post: operations["officerTransition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev-idp/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys of the development issuer (JWKS). */
        get: operations["devIdpJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Id: string;
        Slug: string;
        /** @example 000.00.00.H30-250712-0001 */
        DossierCode: string;
        /** Format: date */
        Date: string;
        /** Format: date-time */
        DateTime: string;
        /** @description An amount in VND. */
        Amount: number;
        /** @description A text in every supported locale; `vi` is always present. */
        Text: {
            vi: string;
            en?: string;
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            /**
             * Format: uri-reference
             * @description URI identifying the problem type; `about:blank` when only the status says it.
             */
            type: string;
            /** @description Short human-readable summary of the problem type. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description Explanation specific to this occurrence. */
            detail?: string;
            /**
             * Format: uri-reference
             * @description URI reference of this occurrence.
             */
            instance?: string;
            errors?: components["schemas"]["ProblemError"][];
        } & {
            [key: string]: unknown;
        };
        ProblemError: {
            /** @description JSON pointer (RFC 6901) into the request body; `''` for the body as a whole. */
            pointer: string;
            /**
             * @description What failed: a JSON Schema keyword (`required`, `pattern`, `minimum`, …), `rule:<id>` for a
             *     cross-field rule of the definition, `attachment` for a missing or unusable attachment,
             *     `procedure` / `version` for an unknown procedure or version.
             */
            keyword: string;
            /** @description Plain sentence, Vietnamese unless the request's `Accept-Language` asks for English. */
            message: string;
            /** @description Message key of the SDK's catalogue, when there is one. */
            messageKey?: string;
            params?: {
                [key: string]: string | number;
            };
        } & {
            [key: string]: unknown;
        };
        ValidationProblem: components["schemas"]["Problem"] & {
            /** @constant */
            status: 422;
            errors: components["schemas"]["ProblemError"][];
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @enum {string} */
            database: "ok" | "error";
            /** @description Version of the back end software. */
            version?: string;
        } & {
            [key: string]: unknown;
        };
        ProcedureSummary: {
            slug: components["schemas"]["Slug"];
            /** @description National procedure code (mã thủ tục), e.g. `1.001193`. */
            code: string;
            /** @description Definition version (semver) the back end validates against. */
            version: string;
            title: components["schemas"]["Text"];
            /**
             * @description The payment methods this back end accepts for this procedure's fee, in the order a client
             *     should offer them. A back end offers any subset of the three; none is required (a ministry
             *     without a VNPay merchant lists `[vietqr, counter]`, one that takes fees only at the office
             *     `[counter]`). Clients offer exactly these; `POST /dossiers/{code}/payments` with another
             *     method answers 422 at `/method`. Absent (a back end of an earlier contract): clients assume
             *     all three.
             */
            paymentMethods?: components["schemas"]["PaymentMethod"][];
        } & {
            [key: string]: unknown;
        };
        FeeQuoteRequest: {
            /** @description The dossier data so far. */
            data: components["schemas"]["DossierData"];
        };
        FeeQuote: {
            /** @constant */
            currency: "VND";
            total: components["schemas"]["Amount"];
            lines: components["schemas"]["FeeQuoteLine"][];
        };
        FeeQuoteLine: {
            id: string;
            title: components["schemas"]["Text"];
            unitAmount: components["schemas"]["Amount"];
            quantity: number;
            /** @description `unitAmount × quantity`. */
            amount: components["schemas"]["Amount"];
            note?: components["schemas"]["Text"];
            /** @description What the same line costs at the counter (shows the online saving). */
            counterAmount?: components["schemas"]["Amount"];
        };
        /**
         * @description Keys of the prefill vocabulary (`citizen.fullName`, `citizen.father.idNumber`, …). Dates are
         *     `YYYY-MM-DD`; addresses are `Address` objects; `citizen.sex` is `male` or `female`.
         */
        Prefill: {
            "citizen.fullName"?: string;
            "citizen.idNumber"?: string;
            "citizen.dateOfBirth"?: components["schemas"]["Date"];
            /** @enum {string} */
            "citizen.sex"?: "male" | "female";
            "citizen.ethnicity"?: string;
            "citizen.nationality"?: string;
            "citizen.religion"?: string;
            "citizen.hometown"?: string;
            "citizen.placeOfBirth"?: string;
            "citizen.permanentAddress"?: components["schemas"]["Address"];
            "citizen.temporaryAddress"?: components["schemas"]["Address"];
            "citizen.currentAddress"?: components["schemas"]["Address"];
            "citizen.phone"?: string;
            "citizen.email"?: string;
            "citizen.maritalStatus"?: string;
        } & {
            [key: string]: string | number | boolean | Record<string, never>;
        };
        /** @description An address in the two-level scheme. */
        Address: {
            /** @description ISO 3166-1 alpha-2; `VN` when absent. */
            country?: string;
            /** @description Province code (2 digits). */
            province?: string;
            /** @description Commune code (5 digits). */
            commune?: string;
            /** @description House number, street, hamlet. */
            street?: string;
        } & {
            [key: string]: unknown;
        };
        CitizenDocument: {
            id: components["schemas"]["Id"];
            /** @description The document type an attachment's `documentType` names. */
            documentType: string;
            /** @description The document's name as the citizen knows it. */
            title: components["schemas"]["Text"];
            issuedAt: components["schemas"]["Date"];
            issuer?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Dossier data, as the procedure's JSON Schema (its definition) describes it. */
        DossierData: {
            [key: string]: unknown;
        };
        DossierSubmission: {
            procedure: components["schemas"]["Slug"];
            /** @description Version of the definition the form was compiled from. */
            version: string;
            data: components["schemas"]["DossierData"];
            attachments: components["schemas"]["AttachmentRef"][];
            /**
             * @description Locale of the citizen's form, for messages and the receipt.
             * @enum {string}
             */
            locale?: "vi" | "en";
        };
        /** @description One file given for an attachment of the definition; exactly one of `uploadId` and `documentId`. */
        AttachmentRef: {
            /** @description The `id` of an `x-attachments` entry. */
            attachmentId: string;
            /** @description Id of a completed tus upload. */
            uploadId?: string;
            /** @description Id of one of the citizen's reusable documents. */
            documentId?: string;
        } & (unknown | unknown);
        /**
         * @description `submitted` (đã nộp), `received` (đã tiếp nhận), `supplement-requested` (yêu cầu bổ sung),
         *     `processing` (đang xử lý), `result-ready` (đã có kết quả), `completed` (đã trả kết quả),
         *     `rejected` (từ chối), `withdrawn` (đã rút).
         * @enum {string}
         */
        DossierStatusValue: "submitted" | "received" | "supplement-requested" | "processing" | "result-ready" | "completed" | "rejected" | "withdrawn";
        DossierReceipt: {
            code: components["schemas"]["DossierCode"];
            /** @description Date the result is due (ngày hẹn trả), from the processing time in working days. */
            appointmentDate: components["schemas"]["Date"];
            status: components["schemas"]["DossierStatusValue"];
            fee: components["schemas"]["FeeQuote"];
            submittedAt: components["schemas"]["DateTime"];
        } & {
            [key: string]: unknown;
        };
        HistoryEntry: {
            status: components["schemas"]["DossierStatusValue"];
            at: components["schemas"]["DateTime"];
            note?: components["schemas"]["Text"];
        } & {
            [key: string]: unknown;
        };
        DossierStatus: {
            code: components["schemas"]["DossierCode"];
            procedure: components["schemas"]["Slug"];
            status: components["schemas"]["DossierStatusValue"];
            submittedAt: components["schemas"]["DateTime"];
            appointmentDate: components["schemas"]["Date"];
            /** @description Every status the dossier went through, oldest first; the last is `status`. */
            history: components["schemas"]["HistoryEntry"][];
            fee?: components["schemas"]["FeeQuote"];
            payment?: components["schemas"]["PaymentSummary"];
        } & {
            [key: string]: unknown;
        };
        StatusTransition: {
            status: components["schemas"]["DossierStatusValue"];
            /** @description Shown to the citizen in the history (required for `supplement-requested` and `rejected`). */
            note?: {
                vi: string;
                en?: string;
            };
            /** @description Change only if the dossier is still in this status (two officers acting at once). */
            expectedStatus?: components["schemas"]["DossierStatusValue"];
        };
        OfficerHistoryEntry: components["schemas"]["HistoryEntry"] & {
            /** @description Who made the change (absent for the citizen's own submission and for payments). */
            officer?: {
                sub: string;
                agency: string;
            } & {
                [key: string]: unknown;
            };
        };
        /** @description The dossier as the handling agency sees it. */
        OfficerDossier: components["schemas"]["DossierStatus"] & {
            agency: string;
            procedureVersion: string;
            data: components["schemas"]["DossierData"];
            attachments: components["schemas"]["AttachmentRef"][];
            /** @description The citizen who filed it (token subject), or `null` when filed without signing in. */
            filedBy: ({
                sub: string;
            } & {
                [key: string]: unknown;
            }) | null;
            history: components["schemas"]["OfficerHistoryEntry"][];
            allowedTransitions: components["schemas"]["DossierStatusValue"][];
        };
        OfficerDossierPage: {
            items: ({
                code: components["schemas"]["DossierCode"];
                procedure: components["schemas"]["Slug"];
                status: components["schemas"]["DossierStatusValue"];
                submittedAt: components["schemas"]["DateTime"];
                appointmentDate: components["schemas"]["Date"];
                updatedAt: components["schemas"]["DateTime"];
            } & {
                [key: string]: unknown;
            })[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string;
        };
        TransitionProblem: components["schemas"]["Problem"] & {
            currentStatus: components["schemas"]["DossierStatusValue"];
            requestedStatus: components["schemas"]["DossierStatusValue"];
            expectedStatus?: components["schemas"]["DossierStatusValue"];
            allowedTransitions?: components["schemas"]["DossierStatusValue"][];
        };
        /**
         * @description `vietqr` (bank transfer by QR), `vnpay` (gateway redirect), `counter` (pay at the one-stop counter).
         * @enum {string}
         */
        PaymentMethod: "vietqr" | "vnpay" | "counter";
        /**
         * @description `pending` open (at most one per dossier); `paid` credited (at most one per dossier); `failed` the
         *     gateway said no; `cancelled` replaced by a payment of another method; `expired` past the gateway's
         *     expiry, replaced by a new one; `refund-due` money received that cannot be credited (the fee was
         *     already paid by another payment, or the dossier was refused or withdrawn): the agency gives it
         *     back, and the dossier's history says so.
         * @enum {string}
         */
        PaymentStatusValue: "pending" | "paid" | "failed" | "cancelled" | "expired" | "refund-due";
        PaymentRequest: {
            method: components["schemas"]["PaymentMethod"];
            /**
             * Format: uri
             * @description For `vnpay`, the page to come back to after the gateway. Must be on an origin the back end
             *     allows (else 422 at `/returnUrl`); checked whatever the method.
             */
            returnUrl?: string;
        };
        /**
         * @description The payment that tells the dossier's state best (the paid one, else the open one, else the
         *     latest), as the public lookup shows it: status and amount only. Never the payment's id, which
         *     would let anyone holding the code read the payment.
         */
        PaymentSummary: {
            status: components["schemas"]["PaymentStatusValue"];
            amount: components["schemas"]["Amount"];
        } & {
            [key: string]: unknown;
        };
        Payment: {
            id: components["schemas"]["Id"];
            dossierCode: components["schemas"]["DossierCode"];
            status: components["schemas"]["PaymentStatusValue"];
            /** @description The dossier's fee total as computed by the back end. */
            amount: components["schemas"]["Amount"];
            /** @constant */
            currency: "VND";
            method: components["schemas"]["PaymentMethod"];
            createdAt: components["schemas"]["DateTime"];
            /**
             * @description For a `pending` VNPay or VietQR payment, until when it is offered again; after it, asking for
             *     the same method makes a new payment. Absent for counter payments and settled ones.
             */
            expiresAt?: components["schemas"]["DateTime"];
            /** @description When the money was received (for `paid` and `refund-due`). */
            paidAt?: components["schemas"]["DateTime"];
            vietqr?: components["schemas"]["VietqrInstructions"];
            /**
             * Format: uri
             * @description For `vnpay`, the gateway URL to send the citizen to.
             */
            redirectUrl?: string;
            /** @description For `counter`, where and how to pay. */
            counter?: components["schemas"]["Text"];
        } & {
            [key: string]: unknown;
        };
        VietqrInstructions: {
            /** @description The EMVCo/NAPAS VietQR string to render as a QR code (ends with CRC `6304XXXX`). */
            payload: string;
            bankBin: string;
            accountNumber: string;
            accountName?: string;
            /** @description Transfer purpose text (carries the dossier code). */
            purpose?: string;
        } & {
            [key: string]: unknown;
        };
        VnpayIpnAnswer: {
            /** @enum {string} */
            RspCode: "00" | "01" | "02" | "04" | "97" | "99";
            Message: string;
        };
        VietqrNotification: {
            transactionId: string;
            amount: components["schemas"]["Amount"];
            /** @description The transfer purpose, which carries the dossier code or payment id. */
            purpose: string;
            paidAt?: components["schemas"]["DateTime"];
        } & {
            [key: string]: unknown;
        };
        DraftInput: {
            version: string;
            data: components["schemas"]["DossierData"];
            /** @description The step the citizen was on. */
            stepId?: string;
            /** @description When the citizen last changed these answers, by the device's clock (given back in `Draft`). */
            savedAt?: components["schemas"]["DateTime"];
            /**
             * @description The `updatedAt` of the stored draft this one replaces, or `null` when the client expects none.
             *     When the stored draft is another one, the back end answers 409 and keeps it.
             */
            baseUpdatedAt?: components["schemas"]["DateTime"] | null;
        };
        Draft: {
            procedure: components["schemas"]["Slug"];
            version: string;
            data: components["schemas"]["DossierData"];
            stepId?: string;
            /** @description The `savedAt` the client sent with this draft, if any. */
            savedAt?: components["schemas"]["DateTime"];
            updatedAt: components["schemas"]["DateTime"];
            expiresAt?: components["schemas"]["DateTime"];
        } & {
            [key: string]: unknown;
        };
        AdminUnits: {
            provinces: components["schemas"]["Province"][];
        } & {
            [key: string]: unknown;
        };
        Province: {
            code: string;
            name: string;
            nameEn: string;
            communes: components["schemas"]["Commune"][];
        } & {
            [key: string]: unknown;
        };
        Commune: {
            code: string;
            name: string;
            nameEn: string;
        } & {
            [key: string]: unknown;
        };
        DevCitizen: {
            /** @description Token subject of this citizen. */
            sub: components["schemas"]["Id"];
            /**
             * @description VNeID assurance level (1 self-registered, 2 verified in person).
             * @enum {integer}
             */
            level?: 1 | 2;
            fullName: string;
            idNumber: string;
            dateOfBirth?: components["schemas"]["Date"];
            /** @description Why this sample exists (e.g. "mẹ có con mới sinh"). */
            description?: string;
        } & {
            [key: string]: unknown;
        };
        DevOfficer: {
            /** @description Token subject of this officer. */
            sub: components["schemas"]["Id"];
            name: string;
            /** @description Agency code the officer's token names. */
            agency: string;
            description?: string;
        } & {
            [key: string]: unknown;
        };
        DevTokenRequest: {
            /** @description The `sub` of a sample citizen or sample officer. */
            sub: components["schemas"]["Id"];
        };
        DevToken: {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
        } & {
            [key: string]: unknown;
        };
        Jwks: {
            keys: {
                [key: string]: unknown;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description The request is malformed (bad JSON, missing header, bad path parameter). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests from this client; try again after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before trying again. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No token, or a token that is invalid, expired or without `exp`. */
        Unauthorized: {
            headers: {
                /** @description `Bearer` with an `error` attribute when a token was sent. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description A valid token that may not do this: a citizen's token on the officer API, an officer token
         *     without the agency claim, or an officer of another agency.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The dossier cannot move to the requested status from its current one (`illegal-transition`), or
         *     it is no longer in `expectedStatus` (`status-changed`).
         */
        TransitionConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["TransitionProblem"];
            };
        };
        /** @description No such resource (unknown procedure, dossier, payment or draft), or a dossier or payment the caller may not act on (answered alike). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request conflicts with the resource's state: an `Idempotency-Key` reused with another body,
         *     a payment for a dossier that has nothing (more) to pay, or a draft saved since on another device
         *     (`baseUpdatedAt` of `PUT /drafts/{slug}`).
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over the back end's limit (a back end accepts dossier bodies of at least 1 MiB). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The body is well-formed but its content is invalid: one entry in `errors` per problem, each with
         *     the JSON pointer into the request body of the value at fault.
         */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ValidationProblem"];
            };
        };
        /** @description tus error; the body is a short plain-text explanation, or a problem document. */
        TusError: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request has no `Tus-Resumable` header, or a version the server does not support (tus 1.0:
         *     412 with `Tus-Version`, never 400).
         */
        TusVersionMismatch: {
            headers: {
                /** @description Versions the server supports. */
                "Tus-Version"?: string;
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
        Slug: components["schemas"]["Slug"];
        /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
        DossierCode: components["schemas"]["DossierCode"];
        /** @description Upload id (last path segment of the `Location` returned at creation). */
        UploadId: string;
        /**
         * @description A key the client makes once per submission (a UUID) and sends again, unchanged, on every retry.
         *     Missing or malformed: 400.
         */
        IdempotencyKey: string;
        /** @description tus protocol version of the client. */
        TusResumable: "1.0.0";
    };
    requestBodies: never;
    headers: {
        /** @description tus protocol version of the server. */
        TusResumable: "1.0.0";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service and its database answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The service runs but a dependency (database, storage) does not answer. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    listProcedures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The accepted procedures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcedureSummary"][];
                };
            };
        };
    };
    quoteFee: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeeQuoteRequest"];
            };
        };
        responses: {
            /** @description The quote. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeeQuote"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    getPrefill: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The citizen's record. Keys the back end does not hold are absent (never `null`). The SDK fills
             *     a field whose `x-prefill` names a key present here and marks it as prefilled.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prefill"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                /** @description Only documents of this type. */
                documentType?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CitizenDocument"][];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    tusCreate: {
        parameters: {
            query?: never;
            header: {
                /** @description tus protocol version of the client. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
                /** @description Size of the whole file in bytes. */
                "Upload-Length": number;
                /**
                 * @description tus metadata: comma-separated `key base64(value)` pairs. The SDK sends `filename`, `filetype`
                 *     (MIME type), `procedure` (slug) and `attachmentId`. A back end may refuse a type the
                 *     attachment does not accept (415) or a size over its `maxSizeMB` (413).
                 */
                "Upload-Metadata"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /** @description URL of the new upload (absolute or relative to the request URL). */
                    Location: string;
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TusError"];
            401: components["responses"]["Unauthorized"];
            412: components["responses"]["TusVersionMismatch"];
            413: components["responses"]["TusError"];
            415: components["responses"]["TusError"];
            /** @description The owner already holds as many unreferenced uploads as allowed (`…/upload-quota`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    tusOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server's tus capabilities. */
            204: {
                headers: {
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    /** @description Comma-separated protocol versions; must include `1.0.0`. */
                    "Tus-Version"?: string;
                    /** @description Comma-separated extensions; must include `creation` and `termination`. */
                    "Tus-Extension"?: string;
                    /** @description Largest accepted upload in bytes. */
                    "Tus-Max-Size"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    downloadUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id (last path segment of the `Location` returned at creation). */
                uploadId: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    /** @description `attachment; filename="…"; filename*=UTF-8''…` */
                    "Content-Disposition": string;
                    "X-Content-Type-Options": "nosniff";
                    "Cache-Control": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                    "image/gif": string;
                    "image/webp": string;
                    "application/octet-stream": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The upload has not finished (`…/upload-incomplete`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file is no longer in the store (`…/upload-gone`). */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    tusTerminate: {
        parameters: {
            query?: never;
            header: {
                /** @description tus protocol version of the client. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description Upload id (last path segment of the `Location` returned at creation). */
                uploadId: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Terminated; later requests for it answer 404 or 410. */
            204: {
                headers: {
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TusError"];
            404: components["responses"]["TusError"];
            /** @description A submitted dossier references the upload; it stays (`…/upload-referenced`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            410: components["responses"]["TusError"];
            412: components["responses"]["TusVersionMismatch"];
        };
    };
    tusHead: {
        parameters: {
            query?: never;
            header: {
                /** @description tus protocol version of the client. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description Upload id (last path segment of the `Location` returned at creation). */
                uploadId: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload's state. */
            200: {
                headers: {
                    /** @description Bytes received so far. */
                    "Upload-Offset": number;
                    /** @description Size of the whole file in bytes. */
                    "Upload-Length"?: number;
                    /** @description Always `no-store`. */
                    "Cache-Control"?: "no-store";
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TusError"];
            404: components["responses"]["TusError"];
            410: components["responses"]["TusError"];
            412: components["responses"]["TusVersionMismatch"];
        };
    };
    tusPatch: {
        parameters: {
            query?: never;
            header: {
                /** @description tus protocol version of the client. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
                /** @description Offset the bytes in the body start at; must equal the server's current offset. */
                "Upload-Offset": number;
            };
            path: {
                /** @description Upload id (last path segment of the `Location` returned at creation). */
                uploadId: components["parameters"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Bytes stored. */
            204: {
                headers: {
                    /** @description The new offset. */
                    "Upload-Offset": number;
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TusError"];
            404: components["responses"]["TusError"];
            /** @description The `Upload-Offset` sent differs from the server's offset. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            410: components["responses"]["TusError"];
            412: components["responses"]["TusVersionMismatch"];
            413: components["responses"]["TusError"];
            415: components["responses"]["TusError"];
        };
    };
    submitDossier: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A key the client makes once per submission (a UUID) and sends again, unchanged, on every retry.
                 *     Missing or malformed: 400.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DossierSubmission"];
            };
        };
        responses: {
            /** @description Replay of an earlier request with the same key and body; the same receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierReceipt"];
                };
            };
            /** @description Stored; this is the receipt. */
            201: {
                headers: {
                    /** @description URL of the dossier's status (`dossiers/{code}`). */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getDossier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dossier's status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The open payment of this method that already existed and has not expired. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Payment created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                paymentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    vnpayReturn: {
        parameters: {
            query: {
                vnp_SecureHash: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Back to the page the payment started from (`returnUrl` of the payment), with `payment`, `dossier` and `vnp_ResponseCode` added to its query. */
            302: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    vnpayIpn: {
        parameters: {
            query: {
                vnp_SecureHash: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description VNPay's answer format: `00` confirmed, `01` order not found, `02` already confirmed,
             *     `04` invalid amount, `97` bad checksum, `99` other error. A query that is not a flat set of
             *     parameters or has no valid `vnp_SecureHash` is `97`; a signed query whose `vnp_Amount` is not
             *     a whole number of hundredths, or differs from the payment's amount × 100, is `04`. Every change
             *     is made with the dossier locked and guarded by the payment's expected status: of many
             *     concurrent IPNs for one payment exactly one answers `00`, the others `02`. A success for a
             *     payment that was cancelled or expired is credited (`paid`, and the dossier's open payment
             *     cancelled) when the dossier has no paid payment and was not refused or withdrawn; otherwise
             *     it is kept as `refund-due` with a note in the dossier's history, and answered `00` (recorded).
             *     A failure only moves a `pending` payment to `failed`.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnpayIpnAnswer"];
                };
            };
        };
    };
    vietqrNotify: {
        parameters: {
            query?: never;
            header: {
                /** @description Lower-case hex HMAC-SHA256 of the raw request body with the shared secret. */
                "X-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VietqrNotification"];
            };
        };
        responses: {
            /** @description Recorded (or already recorded). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    putDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftInput"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Procedure slug (`x-procedure.slug`), e.g. `birth-registration`. */
                slug: components["parameters"]["Slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, or there was none. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getAdminUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All units. */
            200: {
                headers: {
                    /** @description Long-lived; the list changes rarely. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUnits"];
                };
            };
        };
    };
    devIdpCitizens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sample citizens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevCitizen"][];
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    devIdpToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevTokenRequest"];
            };
        };
        responses: {
            /** @description The token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    devIdpOfficers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sample officers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevOfficer"][];
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    officerListDossiers: {
        parameters: {
            query?: {
                /** @description Only dossiers in these statuses (comma-separated), e.g. `submitted,supplement-requested`. */
                status?: string;
                /** @description Page size, 1 to 200 (default 50). */
                limit?: string;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfficerDossierPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    officerGetDossier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dossier. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfficerDossier"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    officerTransition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier code `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP, Art. 19). */
                code: components["parameters"]["DossierCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusTransition"];
            };
        };
        responses: {
            /** @description Changed; the dossier as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfficerDossier"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["TransitionConflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    devIdpJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JWK set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Jwks"];
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
}
