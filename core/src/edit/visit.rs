//! Tests of the reference visitor of [`Refs`](crate::doc::Refs) on a resource of any kind, and of the id and name
//! every kind has, changed in place (all generated with `Resource` from `with_kinds!`, in `resource.rs`).

#[cfg(test)]
mod tests {
    use super::super::Resource;
    use crate::doc::{Design, Hold, ResourceKind};
    use crate::doc::{Field, Id, Refs, Visit};

    fn designs() -> Vec<Design> {
        let mut all = vec![crate::check::testing::sample()];
        all.extend(crate::templates::all().iter().filter_map(|t| t.design().ok()));
        all
    }

    fn refs(r: &Resource) -> Vec<(Field, Id)> {
        let mut out = Vec::new();
        r.visit_refs(&mut |f, to| out.push((f, to.clone())));
        out
    }

    /// Whether `small` is `big` with some entries left out.
    fn subsequence<T: PartialEq>(small: &[T], big: &[T]) -> bool {
        let mut rest = big.iter();
        small.iter().all(|x| rest.any(|y| y == x))
    }

    #[test]
    fn removing_one_reference_takes_along_what_its_hold_says() {
        let mut seen = [0usize; 3];
        for d in designs() {
            for kind in ResourceKind::ALL {
                for at in 0..d.count(kind) {
                    let resource = d.resource_at(kind, at).unwrap();
                    let before = refs(&resource);
                    for (k, (field, _)) in before.iter().enumerate() {
                        let mut r = resource.clone();
                        let mut n = 0;
                        let kept = r.visit_refs_mut(&mut |_, _| {
                            n += 1;
                            if n - 1 == k { Visit::Remove } else { Visit::Keep }
                        });
                        let mut without = before.clone();
                        without.remove(k);
                        let after = refs(&r);
                        match field.hold {
                            Hold::Required => {
                                assert!(!kept, "{}: {}", r.id(), field.name);
                                seen[0] += 1;
                            }
                            Hold::Optional => {
                                assert!(kept && after == without, "{}: {}", r.id(), field.name);
                                seen[1] += 1;
                            }
                            Hold::Item => {
                                assert!(kept && subsequence(&after, &without), "{}: {}", r.id(), field.name);
                                seen[2] += 1;
                            }
                        }
                        if kept {
                            assert_eq!(Resource::read(kind, &r.pretty()), Ok(r));
                        }
                    }
                }
            }
        }
        assert!(seen.iter().all(|n| *n > 10), "{seen:?}");
    }

    #[test]
    fn id_and_name_are_changed_in_place() {
        let d = crate::check::testing::sample();
        for r in d.resources() {
            let (_, mut resource) = d.resource(r.id.as_str()).unwrap();
            *resource.id_mut() = Id::generated("renamed");
            assert_eq!(resource.id().as_str(), "renamed");
            assert_eq!(resource.name_mut().map(|n| n.as_str()), Some(r.name));
        }
        let td = Resource::read(
            ResourceKind::TaskDefinition,
            r#"{ "id": "td", "family": "app", "network_mode": "awsvpc" }"#,
        )
        .unwrap();
        assert!(td.clone().name_mut().is_none());
    }
}
