//! A synthetic Postman collection of any size, shaped like real exports (Zoom, Stripe): folders
//! nested two deep, path variables, query parameters, headers, every body mode, descriptions,
//! and one or two saved example responses per request. Deterministic: the same `requests`
//! always gives the same JSON, so figures are comparable between runs.

use serde_json::{Value, json};

/// Requests per innermost folder, and innermost folders per top-level folder.
const PER_FOLDER: usize = 10;
const FOLDERS_PER_GROUP: usize = 5;

/// A v2.1 collection with `requests` requests.
pub fn collection(requests: usize) -> Value {
    let mut groups: Vec<Value> = Vec::new();
    let mut made = 0;
    while made < requests {
        let group = groups.len();
        let mut folders = Vec::new();
        for f in 0..FOLDERS_PER_GROUP {
            if made == requests {
                break;
            }
            let count = PER_FOLDER.min(requests - made);
            let items: Vec<Value> = (made..made + count).map(request).collect();
            made += count;
            folders.push(json!({
                "name": format!("Resource {group} {f}"),
                "description": format!("Requests on resource {group}.{f}."),
                "item": items,
            }));
        }
        groups.push(json!({
            "name": format!("Area {group}"),
            "description": "A top-level folder.",
            "item": folders,
        }));
    }
    json!({
        "info": {
            "name": format!("Synthetic {requests}"),
            "description": "A synthetic collection for benchmarks.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
        "variable": [{"key": "baseUrl", "value": "https://api.example.com/v2"}],
        "item": groups,
    })
}

/// The `i`th request: its body mode, path and examples vary with `i`.
fn request(i: usize) -> Value {
    let resource = format!("things{}", i / PER_FOLDER);
    let (method, name, path, body) = match i % 6 {
        0 => ("GET", "List", vec![resource.clone()], None),
        1 => (
            "GET",
            "Get",
            vec![resource.clone(), ":thingId".into()],
            None,
        ),
        2 => ("POST", "Create", vec![resource.clone()], Some(json_body(i))),
        3 => (
            "PATCH",
            "Update",
            vec![resource.clone(), ":thingId".into()],
            Some(form_body(i, "formdata")),
        ),
        4 => (
            "PUT",
            "Replace",
            vec![resource.clone(), ":thingId".into(), "settings".into()],
            Some(form_body(i, "urlencoded")),
        ),
        _ => (
            "DELETE",
            "Delete",
            vec![resource.clone(), ":thingId".into()],
            None,
        ),
    };
    let raw = format!("{{{{baseUrl}}}}/{}", path.join("/"));
    let mut query = Vec::new();
    if method == "GET" {
        query.push(json!({"key": "page_size", "value": "30", "description": "The number of records per page. Max 300."}));
        query.push(json!({"key": "next_page_token", "value": "<string>", "description": "The token of the next page."}));
        query.push(json!({"key": "type", "value": "active", "description": "Filter: `active`, `inactive` or `pending`."}));
    }
    let variables: Vec<Value> = path
        .iter()
        .filter(|p| p.starts_with(':'))
        .map(|p| json!({"key": &p[1..], "value": format!("id-{i}"), "description": "(Required) The thing's ID."}))
        .collect();
    let mut request = json!({
        "method": method,
        "header": [
            {"key": "Accept", "value": "application/json"},
            {"key": "X-Request-Id", "value": "{{requestId}}", "description": "Correlates logs."}
        ],
        "url": {
            "raw": raw,
            "host": ["{{baseUrl}}"],
            "path": path,
            "query": query,
            "variable": variables,
        },
        "description": format!("{name} a thing of resource {i}.\n\n**Scopes:** `thing:write:admin`\n\nSee the [guide](https://example.com/guide/{i})."),
    });
    if let Some(body) = body {
        request["body"] = body;
    }
    let mut responses = vec![json!({
        "name": "OK",
        "originalRequest": {"method": method, "url": {"raw": raw}},
        "status": "OK",
        "code": if method == "POST" { 201 } else { 200 },
        "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": serde_json::to_string(&thing(i)).unwrap(),
    })];
    if i.is_multiple_of(2) {
        responses.push(json!({
            "name": "Not found",
            "originalRequest": {"method": method, "url": {"raw": raw}},
            "status": "Not Found",
            "code": 404,
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": "{\"code\": 1001, \"message\": \"Thing does not exist.\"}",
        }));
    }
    json!({"name": format!("{name} thing {i}"), "request": request, "response": responses})
}

fn thing(i: usize) -> Value {
    json!({
        "id": format!("id-{i}"),
        "name": "A thing",
        "created_at": "2024-05-01T10:00:00Z",
        "size": i,
        "ratio": 0.5,
        "active": true,
        "tags": ["a", "b"],
        "owner": {"id": "u1", "email": "owner@example.com", "role": "admin"},
    })
}

fn json_body(i: usize) -> Value {
    json!({
        "mode": "raw",
        "raw": serde_json::to_string_pretty(&thing(i)).unwrap(),
        "options": {"raw": {"language": "json"}},
    })
}

fn form_body(i: usize, mode: &str) -> Value {
    let mut fields = vec![
        json!({"key": "name", "value": format!("thing {i}"), "type": "text", "description": "The thing's name."}),
        json!({"key": "kind", "value": "normal", "type": "text", "description": "`normal`, `shared` or `restricted`."}),
        json!({"key": "visible", "value": "true", "type": "text", "description": "Whether others see it."}),
    ];
    if mode == "formdata" {
        fields.push(json!({"key": "attachment", "type": "file", "src": [], "description": "A file to attach."}));
    }
    json!({"mode": mode, mode: fields})
}
