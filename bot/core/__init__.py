"""The bottom floor: records, text utilities, errors, stream events and the interfaces between
components. Every other module may import these; they import nothing else of the project."""
