//! A validation fix as an undoable edit: the diagnostic's changes applied to a copy, and the resources they
//! changed recorded as replacements (fixes change resources in place; they never add or remove one).

use super::{Change, Edit};
use crate::check::{Fix, FixError};
use crate::doc::{Design, ResourceKind};
use crate::text::Text;

/// Why a fix does not make an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixEditError {
    /// A step of the fix does not apply: the design has changed since the diagnostic was made.
    NoLongerApplies(FixError),
    /// The fix would add or remove a resource of this kind, which fixes never do.
    AddsOrRemoves(ResourceKind),
}

impl FixEditError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            FixEditError::NoLongerApplies(e) => Text::new(
                format!("The fix no longer applies: {e}."),
                format!("이 수정은 더 이상 적용되지 않습니다: {e}."),
            ),
            FixEditError::AddsOrRemoves(_) => {
                Text::new("A fix may not add or remove resources.", "수정은 리소스를 더하거나 뺄 수 없습니다.")
            }
        }
    }
}

bilingual_error!(FixEditError);

/// The edit that applies `fix` to `d`, one undo step; refused, with the reason, when the design has changed
/// since the diagnostic was made.
pub fn from_fix(d: &Design, fix: &Fix) -> Result<Edit, FixEditError> {
    let mut after = d.clone();
    for e in &fix.steps {
        e.apply(&mut after).map_err(FixEditError::NoLongerApplies)?;
    }
    let mut changes = Vec::new();
    for kind in ResourceKind::ALL {
        if d.count(kind) != after.count(kind) {
            return Err(FixEditError::AddsOrRemoves(kind));
        }
        for at in 0..d.count(kind) {
            if let (Some(before), Some(now)) = (d.resource_at(kind, at), after.resource_at(kind, at))
                && before != now
            {
                changes.push(Change::Replace { at, before, after: now });
            }
        }
    }
    Ok(Edit::new(fix.title.clone(), changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::doc::Vpc;
    use crate::edit::History;
    use crate::testing::get_mut;

    #[test]
    fn a_fix_is_one_undoable_step() {
        let mut d = crate::testing::sample();
        // Flow logs off: a finding whose fix turns them on.
        get_mut::<Vpc>(&mut d, "vpc-main").flow_logs = false;
        let original = d.clone();
        let with_fix: Vec<_> = check(&d).into_iter().filter_map(|x| x.fix).collect();
        assert!(!with_fix.is_empty(), "some finding offers a fix");
        let mut history = History::new();
        let edit = from_fix(&d, &with_fix[0]).unwrap_or_else(|e| panic!("{e}"));
        assert!(!edit.is_empty());
        history.commit(&mut d, edit).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(d, original);
        history.undo(&mut d).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d, original);
    }
}
