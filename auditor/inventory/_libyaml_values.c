/* Plain values and packed positions straight from libyaml's events, without a Python object
 * per event: the same walk as yaml_fast_values._Builder.run, which is the reference (and the
 * path taken where this module could not be built). Keep the two in step; the tests compare
 * both with the precise path on the same texts.
 *
 * values(text, max_nodes, max_depth, max_text, starts, resolve, key_ok, give_up) returns
 *   (root, root_mark, children)  the top mapping, its packed mark and the marks of every
 *                                container's children filed under its location;
 *   an int                       the packed mark of the value past max_nodes;
 *   None                         anything the precise path must see for itself.
 * A packed mark is line << 32 | column, both 0-based, as libyaml counts them (characters).
 * ``resolve(text)`` gives a plain scalar's value (or ``give_up``), ``key_ok(text)`` whether a
 * plain key resolves to a kind of key the precise path takes; both are asked only for texts
 * whose first character (or "" when empty) is in ``starts``, and each text only once.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    PyObject *mapping;  /* the mapping being filled, or NULL */
    PyObject *items;    /* the list being filled, or NULL (neither: the top level) */
    PyObject *keys;     /* the mapping's keys' marks */
    PyObject *marks;    /* the list's items' marks */
    PyObject *location; /* a tuple */
} Frame;

typedef struct {
    PyObject *starts;
    PyObject *resolve;
    PyObject *key_ok;
    PyObject *give_up;
    PyObject *resolved;     /* text -> value */
    PyObject *key_verdicts; /* text -> bool */
    char ascii_starts[128];
    int empty_starts;
} Resolver;

enum { DONE = 0, GIVE_UP = 1, TOO_MANY = 2, FAILED = 3 };

static void frame_clear(Frame *frame) {
    Py_CLEAR(frame->mapping);
    Py_CLEAR(frame->items);
    Py_CLEAR(frame->keys);
    Py_CLEAR(frame->marks);
    Py_CLEAR(frame->location);
}

static PyObject *packed(yaml_mark_t mark) {
    return PyLong_FromUnsignedLongLong(((unsigned long long)mark.line << 32) |
                                       (unsigned long long)mark.column);
}

/* 1 when the text's first character (or "" for an empty text) is in starts, 0 when not,
 * -1 on error. */
static int first_in_starts(Resolver *resolver, PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length == 0) {
        return resolver->empty_starts;
    }
    Py_UCS4 first = PyUnicode_READ_CHAR(text, 0);
    if (first < 128) {
        return resolver->ascii_starts[first];
    }
    PyObject *head = PyUnicode_Substring(text, 0, 1);
    if (head == NULL) {
        return -1;
    }
    int found = PySet_Contains(resolver->starts, head);
    Py_DECREF(head);
    return found;
}

static int resolver_init(Resolver *resolver) {
    for (int code = 0; code < 128; code++) {
        char one = (char)code;
        PyObject *head = PyUnicode_DecodeLatin1(&one, 1, NULL);
        if (head == NULL) {
            return -1;
        }
        int found = PySet_Contains(resolver->starts, head);
        Py_DECREF(head);
        if (found < 0) {
            return -1;
        }
        resolver->ascii_starts[code] = (char)found;
    }
    PyObject *empty = PyUnicode_FromStringAndSize(NULL, 0);
    if (empty == NULL) {
        return -1;
    }
    resolver->empty_starts = PySet_Contains(resolver->starts, empty);
    Py_DECREF(empty);
    if (resolver->empty_starts < 0) {
        return -1;
    }
    resolver->resolved = PyDict_New();
    resolver->key_verdicts = PyDict_New();
    return resolver->resolved && resolver->key_verdicts ? 0 : -1;
}

/* The value of a plain scalar that may not be text (a new reference), NULL on error; the
 * give_up object when the precise path must see it. */
static PyObject *resolved_value(Resolver *resolver, PyObject *text) {
    PyObject *value = PyDict_GetItemWithError(resolver->resolved, text);
    if (value != NULL) {
        Py_INCREF(value);
        return value;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    value = PyObject_CallOneArg(resolver->resolve, text);
    if (value == NULL || value == resolver->give_up) {
        return value;
    }
    if (PyDict_SetItem(resolver->resolved, text, value) < 0) {
        Py_DECREF(value);
        return NULL;
    }
    return value;
}

/* 1 when a plain key whose first character is in starts is a kind of key the precise path
 * takes, 0 when not, -1 on error. */
static int key_is_ok(Resolver *resolver, PyObject *text) {
    PyObject *verdict = PyDict_GetItemWithError(resolver->key_verdicts, text);
    if (verdict == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        verdict = PyObject_CallOneArg(resolver->key_ok, text);
        if (verdict == NULL) {
            return -1;
        }
        int stored = PyDict_SetItem(resolver->key_verdicts, text, verdict);
        Py_DECREF(verdict);
        if (stored < 0) {
            return -1;
        }
    }
    return PyObject_IsTrue(verdict);
}

/* (*location, last) as a new tuple. */
static PyObject *extended(PyObject *location, PyObject *last) {
    Py_ssize_t size = PyTuple_GET_SIZE(location);
    PyObject *inner = PyTuple_New(size + 1);
    if (inner == NULL) {
        return NULL;
    }
    for (Py_ssize_t index = 0; index < size; index++) {
        PyObject *part = PyTuple_GET_ITEM(location, index);
        Py_INCREF(part);
        PyTuple_SET_ITEM(inner, index, part);
    }
    Py_INCREF(last);
    PyTuple_SET_ITEM(inner, size, last);
    return inner;
}

/* Appends value to the list being filled, and the mark to its marks. */
static int append_item(Frame *current, PyObject *value, yaml_mark_t mark) {
    PyObject *where = packed(mark);
    if (where == NULL) {
        return -1;
    }
    int failed = PyList_Append(current->marks, where) < 0;
    Py_DECREF(where);
    if (failed || PyList_Append(current->items, value) < 0) {
        return -1;
    }
    return 0;
}

typedef struct {
    Resolver resolver;
    Frame *stack;
    Py_ssize_t depth;
    Py_ssize_t max_depth;
    long long max_nodes;
    Py_ssize_t max_text;
    Frame current;
    PyObject *key; /* the mapping's key waiting for its value, or NULL */
    PyObject *root;
    PyObject *root_mark;
    PyObject *children;
    PyObject *stopped_at; /* the packed mark past max_nodes */
    PyObject *key_texts;  /* each key's text once: the positions keep 400,000 keys */
    long long nodes;
    int documents;
} Walk;

static int on_scalar(Walk *walk, yaml_event_t *event) {
    if (++walk->nodes > walk->max_nodes) {
        walk->stopped_at = packed(event->start_mark);
        return walk->stopped_at ? TOO_MANY : FAILED;
    }
    if (event->data.scalar.anchor != NULL || event->data.scalar.tag != NULL) {
        return GIVE_UP;
    }
    const char *bytes = (const char *)event->data.scalar.value;
    size_t size = event->data.scalar.length;
    PyObject *text = PyUnicode_DecodeUTF8(bytes, (Py_ssize_t)size, "strict");
    if (text == NULL) {
        return FAILED;
    }
    int plain = event->data.scalar.plain_implicit == 1;
    Frame *current = &walk->current;
    int starts = plain ? first_in_starts(&walk->resolver, text) : 0;
    if (starts < 0) {
        Py_DECREF(text);
        return FAILED;
    }
    if (current->mapping != NULL && walk->key == NULL) {
        PyObject *known = PyDict_SetDefault(walk->key_texts, text, text);
        if (known == NULL) {
            Py_DECREF(text);
            return FAILED;
        }
        Py_INCREF(known);
        Py_SETREF(text, known);
        int seen = PyDict_Contains(current->keys, text);
        int ok = seen == 0 && starts ? key_is_ok(&walk->resolver, text) : 1;
        if (seen < 0 || ok < 0) {
            Py_DECREF(text);
            return FAILED;
        }
        if (seen || !ok) {
            Py_DECREF(text);
            return GIVE_UP;
        }
        PyObject *where = packed(event->start_mark);
        if (where == NULL || PyDict_SetItem(current->keys, text, where) < 0) {
            Py_XDECREF(where);
            Py_DECREF(text);
            return FAILED;
        }
        Py_DECREF(where);
        walk->key = text;
        return DONE;
    }
    PyObject *value = text;
    if (starts) {
        value = resolved_value(&walk->resolver, text);
        Py_DECREF(text);
        if (value == NULL) {
            return FAILED;
        }
        if (value == walk->resolver.give_up) {
            Py_DECREF(value);
            return GIVE_UP;
        }
    } else if (PyUnicode_GET_LENGTH(text) > walk->max_text || memchr(bytes, 0, size) != NULL) {
        Py_DECREF(text);
        return GIVE_UP;
    }
    int outcome = DONE;
    if (current->mapping != NULL) {
        if (PyDict_SetItem(current->mapping, walk->key, value) < 0) {
            outcome = FAILED;
        }
        Py_CLEAR(walk->key);
    } else if (current->items != NULL) {
        if (append_item(current, value, event->start_mark) < 0) {
            outcome = FAILED;
        }
    } else {
        outcome = GIVE_UP; /* a single value at the top level */
    }
    Py_DECREF(value);
    return outcome;
}

static int on_container_start(Walk *walk, yaml_event_t *event, int is_mapping) {
    if (walk->depth >= walk->max_depth) {
        return GIVE_UP;
    }
    if (++walk->nodes > walk->max_nodes) {
        walk->stopped_at = packed(event->start_mark);
        return walk->stopped_at ? TOO_MANY : FAILED;
    }
    int decorated = is_mapping ? (event->data.mapping_start.anchor != NULL ||
                                  event->data.mapping_start.tag != NULL)
                               : (event->data.sequence_start.anchor != NULL ||
                                  event->data.sequence_start.tag != NULL);
    if (decorated) {
        return GIVE_UP;
    }
    Frame *current = &walk->current;
    if (current->mapping != NULL && walk->key == NULL) {
        return GIVE_UP; /* a list or mapping as a key */
    }
    PyObject *new = is_mapping ? PyDict_New() : PyList_New(0);
    if (new == NULL) {
        return FAILED;
    }
    PyObject *inner = NULL;
    if (current->mapping != NULL) {
        if (PyDict_SetItem(current->mapping, walk->key, new) == 0) {
            inner = extended(current->location, walk->key);
        }
        Py_CLEAR(walk->key);
    } else if (current->items != NULL) {
        PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(current->items));
        if (index != NULL) {
            inner = extended(current->location, index);
            Py_DECREF(index);
        }
        if (inner != NULL && append_item(current, new, event->start_mark) < 0) {
            Py_CLEAR(inner);
        }
    } else {
        Py_INCREF(new);
        walk->root = new;
        walk->root_mark = packed(event->start_mark);
        inner = walk->root_mark ? PyTuple_New(0) : NULL;
    }
    PyObject *marks = inner ? (is_mapping ? PyDict_New() : PyList_New(0)) : NULL;
    if (marks == NULL || PyDict_SetItem(walk->children, inner, marks) < 0) {
        Py_XDECREF(marks);
        Py_XDECREF(inner);
        Py_DECREF(new);
        return FAILED;
    }
    walk->stack[walk->depth++] = walk->current; /* the references move to the stack */
    current->location = inner;
    if (is_mapping) {
        current->mapping = new;
        current->items = NULL;
        current->keys = marks;
        current->marks = NULL;
    } else {
        current->mapping = NULL;
        current->items = new;
        current->keys = NULL;
        current->marks = marks;
    }
    return DONE;
}

static int on_event(Walk *walk, yaml_event_t *event) {
    switch (event->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(walk, event);
    case YAML_MAPPING_START_EVENT:
        return on_container_start(walk, event, 1);
    case YAML_SEQUENCE_START_EVENT:
        return on_container_start(walk, event, 0);
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        /* A mapping ends only once its last key has its value: no key is pending. */
        frame_clear(&walk->current);
        walk->current = walk->stack[--walk->depth];
        Py_CLEAR(walk->key);
        return DONE;
    case YAML_DOCUMENT_START_EVENT:
        return ++walk->documents > 1 ? GIVE_UP : DONE;
    case YAML_ALIAS_EVENT:
        return GIVE_UP;
    default:
        return DONE;
    }
}

static PyObject *values(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *text;
    Walk walk;
    memset(&walk, 0, sizeof walk);
    if (!PyArg_ParseTuple(args, "ULnnO!OOO:values", &text, &walk.max_nodes, &walk.max_depth,
                          &walk.max_text, &PyFrozenSet_Type, &walk.resolver.starts,
                          &walk.resolver.resolve, &walk.resolver.key_ok,
                          &walk.resolver.give_up)) {
        return NULL;
    }
    if (walk.max_depth < 0) {
        PyErr_SetString(PyExc_ValueError, "max_depth must not be negative");
        return NULL;
    }
    Py_ssize_t size;
    const char *source = PyUnicode_AsUTF8AndSize(text, &size);
    if (source == NULL) {
        return NULL;
    }
    walk.stack = PyMem_Calloc((size_t)walk.max_depth + 1, sizeof(Frame));
    walk.children = PyDict_New();
    walk.key_texts = PyDict_New();
    walk.current.location = PyTuple_New(0);
    if (walk.stack == NULL || walk.children == NULL || walk.key_texts == NULL ||
        walk.current.location == NULL || resolver_init(&walk.resolver) < 0) {
        if (walk.stack == NULL) {
            PyErr_NoMemory();
        }
        PyMem_Free(walk.stack);
        Py_XDECREF(walk.children);
        Py_XDECREF(walk.key_texts);
        Py_XDECREF(walk.current.location);
        Py_XDECREF(walk.resolver.resolved);
        Py_XDECREF(walk.resolver.key_verdicts);
        return NULL;
    }
    int outcome = DONE;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        PyErr_NoMemory();
        outcome = FAILED;
    } else {
        yaml_parser_set_input_string(&parser, (const unsigned char *)source, (size_t)size);
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) {
                outcome = GIVE_UP; /* a syntax error: the precise path words it */
                break;
            }
            yaml_event_type_t type = event.type;
            outcome = on_event(&walk, &event);
            yaml_event_delete(&event);
            if (outcome != DONE || type == YAML_STREAM_END_EVENT) {
                break;
            }
        }
        yaml_parser_delete(&parser);
    }
    PyObject *result = NULL;
    if (outcome == DONE && walk.root != NULL && PyDict_CheckExact(walk.root)) {
        result = PyTuple_Pack(3, walk.root, walk.root_mark, walk.children);
    } else if (outcome == TOO_MANY) {
        result = walk.stopped_at;
        walk.stopped_at = NULL;
    } else if (outcome != FAILED) {
        result = Py_NewRef(Py_None);
    }
    frame_clear(&walk.current);
    while (walk.depth > 0) {
        frame_clear(&walk.stack[--walk.depth]);
    }
    PyMem_Free(walk.stack);
    Py_XDECREF(walk.key);
    Py_XDECREF(walk.root);
    Py_XDECREF(walk.root_mark);
    Py_XDECREF(walk.children);
    Py_XDECREF(walk.stopped_at);
    Py_XDECREF(walk.key_texts);
    Py_XDECREF(walk.resolver.resolved);
    Py_XDECREF(walk.resolver.key_verdicts);
    return result;
}

static PyMethodDef methods[] = {
    {"values", values, METH_VARARGS,
     "The document's plain values and packed positions from libyaml's events."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_libyaml_values",
    "Plain values and positions from libyaml's events (see yaml_fast_values.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__libyaml_values(void) {
    return PyModule_Create(&definition);
}
