//! Integer codes for the core's enums, for the frame path's buffers: a code is the position in the list below,
//! and a name is the core's own wire name (its serde serialisation). The `match` in each code function is
//! exhaustive, so a variant added to the core fails to compile here instead of being coded wrongly.

use hokensho::{Action, Basis, Document, Event, FaceChangeReason, NeedReason, Role, Status};
use serde::Serialize;

/// The wire name of a value of one of the core's enums.
pub(crate) fn name<T: Serialize>(x: &T) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

/// The wire names of a list, in code order.
pub(crate) fn names<T: Serialize>(xs: &[T]) -> Vec<String> {
    xs.iter().map(name).collect()
}

macro_rules! vocab {
    ($list:ident, $code:ident, $t:ident, [$($v:ident),* $(,)?]) => {
        pub(crate) const $list: &[$t] = &[$($t::$v),*];

        /// The code of a value: its position in the list.
        #[allow(dead_code)]
        pub(crate) fn $code(x: $t) -> i8 {
            // exhaustiveness check: a new variant in the core must be added to the list
            match x {
                $($t::$v)|* => {}
            }
            $list.iter().position(|y| *y == x).map_or(-1, |p| p as i8)
        }
    };
}

vocab!(ROLES, role_code, Role, [Insured, Dependent]);
vocab!(
    BASES,
    basis_code,
    Basis,
    [Bulk, Application, Automatic, Temporary]
);
vocab!(
    FACE_REASONS,
    face_reason_code,
    FaceChangeReason,
    [Marriage, Transfer, VoluntaryContinuation, Other]
);
vocab!(
    STATUSES,
    status_code,
    Status,
    [
        Valid,
        NotYetValid,
        Expired,
        Ended,
        Invalidated,
        Unusable,
        InGrace
    ]
);
vocab!(
    NEED_REASONS,
    need_reason_code,
    NeedReason,
    [
        NoCard,
        NotRegistered,
        RegistrationCancelled,
        ECertPastGrace,
        CardExpired,
        CardLost,
        NumberNotOnFile
    ]
);
vocab!(
    ACTIONS,
    action_code,
    Action,
    [
        Return,
        Dispose,
        Keep,
        ApplyCertificate,
        ApplyReissue,
        RegisterInsuranceUse,
        SubmitNumber,
        RenewECert,
        RenewCard,
        SuspendCard,
        CheckPortal,
        ShowElderlyCertificate,
        IssueCertificate
    ]
);
vocab!(
    DOCUMENTS,
    document_code,
    Document,
    [
        LegacyCard,
        MyNumberCard,
        Certificate,
        Notice,
        PortalRecord,
        ElderlyCertificate,
        OralConfirmation,
        SelfDeclaration
    ]
);
vocab!(
    EVENTS,
    event_code,
    Event,
    [
        LegacyCardEnds,
        LegacyCardExpires,
        CertificateExpires,
        ECertExpires,
        ECertGraceEnds,
        CardExpires,
        RenewalWindowOpens,
        ReissueWindowOpens,
        Turns70,
        Turns75,
        ProvisionalAcceptanceStarts,
        ProvisionalAcceptanceEnds,
        BulkIssuance,
        CoverageEnds,
        NumberRegistered,
        RegistrationEffective,
        ReturnWindowOpens,
        DisposalStarts,
        ElderlyCertificateExpires,
        DocumentStarts
    ]
);

/// The value of a code, if it is one.
pub(crate) fn from_code<T: Copy>(list: &[T], code: i32) -> Option<T> {
    usize::try_from(code)
        .ok()
        .and_then(|i| list.get(i).copied())
}
