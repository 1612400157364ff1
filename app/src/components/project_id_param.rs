use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the current route as a project id (`None` when it is not a number).
pub fn project_id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}
