//! Arrow batches of members (`hokensho_fuzz::batches::batch_case`): any column names and physical types, any
//! cells, one date or a date column, threads, full answers. The batch is converted and assessed; every input
//! row gives one output row, answered or an error row, and the conversion alone gives one member or error per
//! row; the long tables of obligations and events point back at the rows and list every error row once.
#![no_main]

use hokensho_arrow::Assessor;
use hokensho_fuzz::batches::{batch_case, check_long, check_output};
use hokensho_fuzz::RULES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((batch, opts)) = batch_case(data) else {
        return;
    };
    let a = Assessor::new(&RULES, opts);
    assert_eq!(a.members(&batch).len(), batch.num_rows());
    if let Ok(out) = a.assess(&batch) {
        check_output(&out, batch.num_rows());
        // the long tables: built from the same rows, with the same errors
        check_long(&a.obligations(&batch).expect("the batch assessed"), &out);
        check_long(&a.events(&batch, None).expect("the batch assessed"), &out);
    }
});
